import type { UserConfigExport } from '@tarojs/cli'

/** Production build: Taro minifies and compresses by default. */
export default {
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>
