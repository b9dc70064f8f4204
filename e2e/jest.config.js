/** Browser journeys: the H5 build in headless Chromium against a real BFF process. */
/** @type {import('jest').Config} */
module.exports = {
  ...require('../jest.preset'),
  displayName: 'e2e',
  testMatch: ['<rootDir>/**/*.e2e.test.ts', '<rootDir>/builds.test.ts'],
  testTimeout: 120_000,
};
