import fs from 'node:fs'
import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'

import devConfig from './dev'
import prodConfig from './prod'

/** Platform being built (`taro build --type <platform>` sets it before this file is evaluated). */
const platform = process.env.TARO_ENV || 'weapp'

const sharedRoot = path.resolve(__dirname, '..', 'shared')

/** Runtime dependencies of `@kcq/shared` (e.g. zod), read from its package.json. */
const sharedDependencies = Object.keys(
  (JSON.parse(fs.readFileSync(path.join(sharedRoot, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> })
    .dependencies ?? {},
)

/**
 * Code outside `sourceRoot` that Babel must compile.
 * - `@kcq/shared` ships TypeScript source; webpack resolves the `node_modules/@kcq/shared`
 *   symlink to its real path (`resolve.symlinks: true`), so the real directory is listed.
 * - Its runtime dependencies ship modern syntax (zod uses `?.`/`??`); compiling them keeps
 *   the mini-program output at the same ES level as Taro's own runtime.
 * Taro's config validator accepts only strings and functions here (no RegExp).
 */
const sharedDependencyDirs = sharedDependencies.map((name) => `${path.sep}node_modules${path.sep}${name}${path.sep}`)
const compileInclude: (string | ((filename: string) => boolean))[] = [
  sharedRoot,
  (filename) => sharedDependencyDirs.some((dir) => filename.includes(dir)),
]

/**
 * `npm run dev:h5:mock` (KCQ_MOCK=1): the H5 dev server answers the API itself from mock/*.ts
 * (config/mock.ts), same origin, no BFF. It builds to dist/h5-mock, leaving dist/h5 to `build:h5`.
 */
const mockMode = platform === 'h5' && process.env.KCQ_MOCK === '1'

/**
 * BFF base URL, read by the app as `process.env.TARO_APP_API_BASE`.
 * H5 is served by the BFF itself, so requests stay same-origin (empty base).
 * A shell variable or a `.env*` file entry with the same name overrides the default (not in mock mode).
 */
const apiBase = mockMode ? '' : (process.env.TARO_APP_API_BASE ?? (platform === 'h5' ? '' : 'http://127.0.0.1:3000'))

// KCQ_OUTPUT_ROOT builds elsewhere (e.g. two people building H5 on one machine without clobbering dist/h5).
const outputRoot = process.env.KCQ_OUTPUT_ROOT || (mockMode ? 'dist/h5-mock' : `dist/${platform}`)

// https://docs.taro.zone/docs/config
export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'kechuangquan',
    date: '2025-11-21',
    // NutUI React Taro is drawn at 375 px, our own styles at Taro's default 750 px
    // (the NutUI docs' "在已有 Taro 项目中引入" setup).
    designWidth(input) {
      const file = typeof input === 'object' && input ? input.file : undefined
      if (file?.replace(/\\+/g, '/').includes('@nutui')) return 375
      return 750
    },
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'miniapp',
    outputRoot,
    // NutUI React Taro renders some HTML tags: its docs require @tarojs/plugin-html (same version as Taro).
    plugins: ['@tarojs/plugin-html'],
    env: {
      TARO_APP_API_BASE: JSON.stringify(apiBase),
    },
    defineConstants: {},
    copy: {
      // The role tab's icons (miniapp/logic/roleTab.ts) are named only by setTabBarItem at run time, and
      // Taro copies only the icons app.config.ts lists: copy the folder as is.
      // The share card's picture (logic/share.ts) is named by a string as well.
      patterns: [
        { from: 'miniapp/assets/tab/', to: `${outputRoot}/assets/tab/` },
        { from: 'miniapp/assets/share/', to: `${outputRoot}/assets/share/` },
      ],
      options: {},
    },
    framework: 'react',
    compiler: {
      type: 'webpack5',
      // NutUI's docs: keep it out of the dependency prebundle (weapp "找不到模板" otherwise).
      prebundle: { exclude: ['@nutui/nutui-react-taro', '@nutui/icons-react-taro'] },
    },
    cache: {
      enable: false,
    },
    mini: {
      compile: {
        include: compileInclude,
      },
      postcss: {
        pxtransform: {
          enable: true,
          config: {},
        },
        cssModules: {
          enable: false,
          config: {
            namingPattern: 'module',
            generateScopedName: '[name]__[local]___[hash:base64:5]',
          },
        },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: {
        // The BFF serves dist/h5 as plain static files without a history fallback.
        mode: 'hash',
      },
      compile: {
        include: compileInclude,
      },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      webpackChain(chain) {
        // Taro's H5 runtime plus React is ~300 KiB minified before any app code;
        // warn only when the entry grows well past that.
        chain.performance.maxEntrypointSize(512 * 1024).maxAssetSize(512 * 1024)
      },
      postcss: {
        pxtransform: {
          enable: true,
          // NutUI's docs: leave the px of its `nut-` selectors alone on H5.
          config: { selectorBlackList: ['nut-'] },
        },
        autoprefixer: {
          enable: true,
          config: {},
        },
        cssModules: {
          enable: false,
          config: {
            namingPattern: 'module',
            generateScopedName: '[name]__[local]___[hash:base64:5]',
          },
        },
      },
    },
  }

  if (mockMode) {
    const { mockDevServer } = await import('./mock')
    const modeConfig = process.env.NODE_ENV === 'development' ? devConfig : prodConfig
    return merge({}, baseConfig, modeConfig, { h5: { devServer: mockDevServer() } })
  }
  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
