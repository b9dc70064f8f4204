import type { UserConfigExport } from '@tarojs/cli'

/** Development build (`--watch`): readable output, full logging. */
export default {
  logger: {
    quiet: false,
    stats: true,
  },
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>
