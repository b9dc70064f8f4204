/** Tests of the project's own tooling (install verification, the H5 build record). */
/** @type {import('jest').Config} */
module.exports = {
  ...require('../jest.preset'),
  displayName: 'scripts',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
};
