import { ConfigError, loadConfig } from '../src/config';

describe('configuration from the environment', () => {
  test('defaults run the embedded adapters on port 3000', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.MONGO_URL).toBeUndefined();
    expect(c.REDIS_URL).toBeUndefined();
    expect(c.DATA_DIR).toMatch(/\.data$/);
  });

  test('values are parsed and typed', () => {
    const c = loadConfig({ PORT: '8080', REDIS_URL: 'redis://127.0.0.1:6379', CORS_ORIGINS: 'http://a, http://b' });
    expect(c.PORT).toBe(8080);
    expect(c.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(c.CORS_ORIGINS).toEqual(['http://a', 'http://b']);
  });

  test('an empty REDIS_URL means "not set" rather than an error', () => {
    expect(loadConfig({ REDIS_URL: '' }).REDIS_URL).toBeUndefined();
  });

  test.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['REDIS_URL', 'not a url'],
    ['NODE_ENV', 'staging'],
    ['BODY_LIMIT', 'lots'],
  ])('a wrong %s=%s throws one line naming the variable', (name, value) => {
    let err: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toContain(`${name}=${JSON.stringify(value)}`);
    expect((err as Error).message).not.toContain('\n');
  });
});
