/** @type {import('jest').Config} */
module.exports = {
  ...require('../jest.preset'),
  displayName: 'shared',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
};
