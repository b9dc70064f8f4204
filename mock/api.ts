/**
 * API mocks for front-end work without the BFF, in the @tarojs/plugin-mock convention
 * (`'METHOD /path': response`). They grow with the screens; shapes follow @kcq/shared.
 */
export default {
  'GET /healthz': { ok: true },
  'GET /readyz': { ok: true, store: 'embedded', inventory: 'embedded' },
};
