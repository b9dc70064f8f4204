/** Identity configuration: production refuses dev login and the dev JWT secret; dev-admin only in development. */
import { ConfigError, DEV_JWT_SECRET, loadConfig } from '../../src/config';

const prod = {
  NODE_ENV: 'production',
  WECHAT_APPID: 'wx123',
  WECHAT_SECRET: 'app-secret',
  JWT_SECRET: 'p'.repeat(40),
};

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).not.toContain('\n');
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}

test('defaults: dev secret, 15-minute access, 30-day refresh, dev login, official WeChat URL', () => {
  const c = loadConfig({});
  expect(c).toMatchObject({
    JWT_SECRET: DEV_JWT_SECRET,
    ACCESS_TOKEN_TTL: 900,
    REFRESH_TOKEN_TTL: 2_592_000,
    WECHAT_BASE_URL: 'https://api.weixin.qq.com',
    WECHAT_TIMEOUT_MS: 5_000,
  });
  expect(c.WECHAT_APPID).toBeUndefined();
});

test('ADMIN_OPENIDS: dev-admin by default in development only; a list when set', () => {
  expect(loadConfig({}).ADMIN_OPENIDS).toEqual(['dev-admin']);
  expect(loadConfig({ NODE_ENV: 'test' }).ADMIN_OPENIDS).toEqual([]);
  expect(loadConfig(prod).ADMIN_OPENIDS).toEqual([]);
  expect(loadConfig({ ADMIN_OPENIDS: ' o1, o2 ,,' }).ADMIN_OPENIDS).toEqual(['o1', 'o2']);
  expect(loadConfig({ ADMIN_OPENIDS: '' }).ADMIN_OPENIDS).toEqual([]);
});

test('production with credentials and its own secret starts', () => {
  expect(loadConfig(prod).NODE_ENV).toBe('production');
});

test.each([
  ['WECHAT_APPID', { WECHAT_APPID: '' }],
  ['WECHAT_SECRET', { WECHAT_SECRET: '' }],
  ['JWT_SECRET', { JWT_SECRET: DEV_JWT_SECRET }],
  ['JWT_SECRET', { JWT_SECRET: 'short-but-16-chars' }],
])('production refuses to start without a proper %s, naming it (and hiding secrets)', (name, over) => {
  const message = configError({ ...prod, ...over });
  expect(message).toContain(`${name}=`);
  expect(message).not.toContain(DEV_JWT_SECRET);
  expect(message).not.toContain('app-secret');
});

test('production with no JWT_SECRET at all uses the default, which it refuses', () => {
  const { JWT_SECRET: _drop, ...rest } = prod;
  expect(configError(rest)).toContain('JWT_SECRET=');
});

test('WECHAT_APPID without WECHAT_SECRET is refused in any environment', () => {
  expect(configError({ WECHAT_APPID: 'wx1' })).toContain('WECHAT_SECRET=');
});

test.each([
  ['ACCESS_TOKEN_TTL', '0'],
  ['REFRESH_TOKEN_TTL', 'soon'],
  ['WECHAT_BASE_URL', 'not a url'],
  ['WECHAT_TIMEOUT_MS', '-5'],
  ['JWT_SECRET', 'short'],
])('a wrong %s=%s names the variable', (name, value) => {
  expect(configError({ [name]: value })).toContain(`${name}=`);
});
