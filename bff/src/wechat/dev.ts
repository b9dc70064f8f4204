import { DomainError } from '../domain/errors';
import type { WeChatPort, WeChatSession } from './port';

const DEV_CODE = /^dev:([A-Za-z0-9_-]{1,32})$/;

/**
 * Dev login, used when WECHAT_APPID is unset (H5 demo, tests): the code `dev:<name>` signs in as the
 * stable openid `dev-<name>`. Production refuses to start without WeChat credentials, so it never runs there.
 */
export class DevWeChat implements WeChatPort {
  readonly kind = 'dev' as const;

  async code2Session(code: string): Promise<WeChatSession> {
    const m = DEV_CODE.exec(code);
    if (!m) {
      throw new DomainError('WECHAT_LOGIN_FAILED', '开发模式下请使用 dev:<名字> 形式的登录码', { reason: 'dev_code' });
    }
    return { openid: `dev-${m[1]}` };
  }
}
