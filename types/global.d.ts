/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.gif';
declare module '*.jpg';
declare module '*.jpeg';
declare module '*.svg';
declare module '*.css';
declare module '*.less';
declare module '*.scss';
declare module '*.sass';
declare module '*.styl';

// These declarations are global to every file the root tsconfig covers (e2e, scripts…), so
// the keys stay optional: a Node-side `env: { … }` object must not be forced to carry them.
declare namespace NodeJS {
  interface ProcessEnv {
    /** Platform being built, set by `taro build --type <platform>`. */
    TARO_ENV?: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn';
    /**
     * Mini-program appid for this build; overrides `appid` in project.config.json when set.
     * @see https://docs.taro.zone/docs/env-mode-config
     */
    TARO_APP_ID?: string;
    /**
     * BFF base URL, injected at build time by config/index.ts (`env.TARO_APP_API_BASE`).
     * Empty string on H5 (same origin); `http://127.0.0.1:3000` by default on weapp.
     */
    TARO_APP_API_BASE?: string;
  }
}
