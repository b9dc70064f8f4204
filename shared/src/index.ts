import './zod-locale';

export * from './errors';
export * from './money';
export * from './text';
export * from './policy';
export * from './api/contracts';
export * from './api/stats';
export * from './api/catalogue';
export * from './api/links';
export * from './api/periods';
export * from './api/vouchers';
export * from './api/messages';
export * from './api/subscriptions';
export * from './supervision/sampling';
export * from './api/transparency';
export * from './api/evaluation';
export * from './api/unitApplications';
export * from './api/supervision';
