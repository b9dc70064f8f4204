import { z } from 'zod';

// Validation messages reach users (form hints, 400 details): make zod speak Simplified Chinese
// wherever the shared code is loaded, BFF and mini-program alike.
z.config(z.locales.zhCN());
