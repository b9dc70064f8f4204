/**
 * Browser journeys: the H5 build in headless Chromium against a real BFF process. Also, without a
 * browser: builds.test.ts (the build outputs), weapp-upload.test.ts (the weapp upload path of
 * services/api.ts against a real BFF, with a Node double of the WeChat APIs), weapp-wechat.test.ts
 * (WeChat's compilers and packager over the weapp build) and weapp-mount.test.ts (every page of the
 * built weapp mounted in a model of WeChat's logic layer against a real BFF); docs/weapp-preview.md.
 */
/** @type {import('jest').Config} */
module.exports = {
  ...require('../jest.preset'),
  displayName: 'e2e',
  testMatch: ['<rootDir>/**/*.e2e.test.ts', '<rootDir>/builds.test.ts', '<rootDir>/weapp-upload.test.ts', '<rootDir>/weapp-*.test.ts', '<rootDir>/start.test.ts'],
  testTimeout: 120_000,
};
