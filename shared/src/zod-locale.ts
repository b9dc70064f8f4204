import { z } from 'zod';

// Validation messages reach users (form hints, 400 details): make zod speak Simplified Chinese
// wherever the shared code is loaded, BFF and mini-program alike.
z.config(z.locales.zhCN());

// In the mini-program's builds (weapp and H5 define TARO_ENV) zod must not probe `new Function('')`, which
// it does when building an object schema to compile faster parsers: the BFF's Content-Security-Policy for
// the H5 app has no 'unsafe-eval' (docs/security.md) and WeChat's runtime forbids it. `jitless` validates
// the same, without generated code. Set here, before any schema of this package is built.
// `process.env.TARO_ENV` is replaced by the build (Taro's DefinePlugin); on Node it is simply unset.
// @ts-ignore -- shared is compiled without Node's types (the BFF's compilation has them: no error there).
if (process.env.TARO_ENV) z.config({ jitless: true });
