// `npm test` runs every workspace's suite; `npx jest --selectProjects bff` runs one.
/** @type {import('jest').Config} */
module.exports = {
  // Two workers on the 2-core CI machine: the browser journeys and child-process suites spend most of their
  // time waiting (Chromium, a BFF, Redis), so a second worker keeps both cores busy and CI under 20 minutes.
  maxWorkers: 2,
  projects: ['<rootDir>/scripts', '<rootDir>/shared', '<rootDir>/bff', '<rootDir>/miniapp', '<rootDir>/e2e'],
  reporters: ['default', '<rootDir>/scripts/jest-summary.js'],
};
