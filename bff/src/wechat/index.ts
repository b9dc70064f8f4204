import type { Config } from '../config';
import type { Logger } from '../logger';
import { DevWeChat } from './dev';
import { HttpWeChat } from './http';
import type { WeChatPort } from './port';

export * from './port';
export { DevWeChat, HttpWeChat };

/** Real WeChat when WECHAT_APPID is set (config guarantees the secret), dev login otherwise. */
export function wechatFromConfig(config: Config, logger?: Logger): WeChatPort {
  if (config.WECHAT_APPID && config.WECHAT_SECRET) {
    return new HttpWeChat({
      appId: config.WECHAT_APPID,
      secret: config.WECHAT_SECRET,
      baseUrl: config.WECHAT_BASE_URL,
      timeoutMs: config.WECHAT_TIMEOUT_MS,
      logger,
    });
  }
  return new DevWeChat();
}
