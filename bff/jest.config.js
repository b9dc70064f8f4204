/** @type {import('jest').Config} */
module.exports = {
  ...require('../jest.preset'),
  displayName: 'bff',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
};
