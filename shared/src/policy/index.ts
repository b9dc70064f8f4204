// The voucher policy rules (京科发〔2023〕16号) as pure functions. See /work/shared/POLICY.md.
export * from './calendar';
export * from './fields';
export * from './creditCode';
export * from './profiles';
export * from './eligibility';
export * from './amounts';
export * from './deadlines';
export * from './lifecycle';
export * from './masking';
export * from './workingDays';
export * from './evaluation';
