// `npm test` runs every workspace's suite; `npx jest --selectProjects bff` runs one.
/** @type {import('jest').Config} */
module.exports = {
  projects: ['<rootDir>/scripts', '<rootDir>/shared', '<rootDir>/bff', '<rootDir>/miniapp', '<rootDir>/e2e'],
  reporters: ['default', '<rootDir>/scripts/jest-summary.js'],
};
