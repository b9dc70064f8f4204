/**
 * The mini-program's pure logic (countdown, claim sheet, error table, API client) as plain TypeScript in
 * node, and its components rendered with React (*.test.tsx, each marked `@jest-environment jsdom`).
 * Taro and NutUI need Taro's runtime, which jest has not: the component tests draw them with the test
 * doubles in __tests__/support/ (see the comment atop each).
 */
/** @type {import('jest').Config} */
module.exports = {
  ...require('../jest.preset'),
  displayName: 'miniapp',
  testMatch: ['<rootDir>/__tests__/**/*.test.ts', '<rootDir>/__tests__/**/*.test.tsx'],
  moduleNameMapper: {
    '^@tarojs/components$': '<rootDir>/__tests__/support/taro-components.tsx',
    '^@tarojs/taro$': '<rootDir>/__tests__/support/taro.ts',
    '^@nutui/nutui-react-taro$': '<rootDir>/__tests__/support/nutui-react-taro.tsx',
  },
};
