/**
 * Closed code lists shared by the BFF and the mini-program. Codes are stable (stored, sent over the
 * API); labels are what screens show.
 */

/**
 * The five priority ("高精尖") fields of 第七条 (POLICY.md 第七条第五项). **Decision** (POLICY.md): the list
 * is closed to these five for automatic approval; any other main business is not eligible.
 */
export const PRIORITY_FIELDS = [
  'new_generation_it',
  'medicine_health',
  'intelligent_manufacturing',
  'new_materials',
  'green_energy_environmental',
] as const;

export type PriorityField = (typeof PRIORITY_FIELDS)[number];

export const PRIORITY_FIELD_LABELS: Readonly<Record<PriorityField, string>> = {
  new_generation_it: '新一代信息技术',
  medicine_health: '医药健康',
  intelligent_manufacturing: '智能制造',
  new_materials: '新材料',
  green_energy_environmental: '绿色能源与节能环保',
};

/** The code a profile uses when its main business is outside the five fields. */
export const OTHER_FIELD = 'other' as const;
export const OTHER_FIELD_LABEL = '其他领域';

export function isPriorityField(value: unknown): value is PriorityField {
  return typeof value === 'string' && (PRIORITY_FIELDS as readonly string[]).includes(value);
}

/** Picker options in display order, the "other" choice last. */
export const PRIORITY_FIELD_OPTIONS: ReadonlyArray<{ code: PriorityField | typeof OTHER_FIELD; label: string }> = [
  ...PRIORITY_FIELDS.map((code) => ({ code, label: PRIORITY_FIELD_LABELS[code] })),
  { code: OTHER_FIELD, label: OTHER_FIELD_LABEL },
];

/**
 * Service categories an open unit offers and a voucher can buy (第五条): analysis, testing, inspection,
 * R&D, and compute for AI model training.
 */
export const SERVICE_CATEGORIES = ['analysis', 'testing', 'inspection', 'rnd', 'compute'] as const;

export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

export const SERVICE_CATEGORY_LABELS: Readonly<Record<ServiceCategory, string>> = {
  analysis: '分析',
  testing: '测试',
  inspection: '检验',
  rnd: '研发',
  compute: '算力',
};

export function isServiceCategory(value: unknown): value is ServiceCategory {
  return typeof value === 'string' && (SERVICE_CATEGORIES as readonly string[]).includes(value);
}

export const SERVICE_CATEGORY_OPTIONS: ReadonlyArray<{ code: ServiceCategory; label: string }> =
  SERVICE_CATEGORIES.map((code) => ({ code, label: SERVICE_CATEGORY_LABELS[code] }));
