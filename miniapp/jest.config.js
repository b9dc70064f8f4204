/** The mini-program's pure logic (countdown, claim sheet, error table, API client) as plain TypeScript. */
/** @type {import('jest').Config} */
module.exports = {
  ...require('../jest.preset'),
  displayName: 'miniapp',
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
};
