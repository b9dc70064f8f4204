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

/** What kind of institution an open unit is (第五条: universities, institutes, enterprises). */
export const OPEN_UNIT_KINDS = ['university', 'institute', 'enterprise'] as const;
export type OpenUnitKind = (typeof OPEN_UNIT_KINDS)[number];
export const OPEN_UNIT_KIND_LABELS: Readonly<Record<OpenUnitKind, string>> = {
  university: '高等院校',
  institute: '科研院所',
  enterprise: '企业',
};

/**
 * Where an open unit is. Units in Tianjin and Hebei take vouchers only when mutually recognised
 * (第十九条, shown as 津冀互认).
 */
export const REGIONS = ['beijing', 'tianjin', 'hebei'] as const;
export type Region = (typeof REGIONS)[number];
export const REGION_LABELS: Readonly<Record<Region, string>> = { beijing: '北京', tianjin: '天津', hebei: '河北' };
export const MUTUAL_RECOGNITION_LABEL = '津冀互认';

/** The level of a lab (实验室 in the wide sense of the scheme: key labs, engineering centres, design centres). */
export const LAB_LEVELS = [
  'national_key_lab',
  'municipal_key_lab',
  'engineering_research_centre',
  'design_innovation_centre',
  'other',
] as const;
export type LabLevel = (typeof LAB_LEVELS)[number];
export const LAB_LEVEL_LABELS: Readonly<Record<LabLevel, string>> = {
  national_key_lab: '国家重点实验室',
  municipal_key_lab: '北京市重点实验室',
  engineering_research_centre: '工程技术研究中心',
  design_innovation_centre: '设计创新中心',
  other: '其他实验室',
};

/** What a service price is per. Compute is always priced per card-hour (第五条: rented compute). */
export const PRICE_UNITS = ['sample', 'hour', 'card_hour', 'day', 'item', 'project'] as const;
export type PriceUnit = (typeof PRICE_UNITS)[number];
export const PRICE_UNIT_LABELS: Readonly<Record<PriceUnit, string>> = {
  sample: '元/样',
  hour: '元/机时',
  card_hour: '元/卡时',
  day: '元/天',
  item: '元/项',
  project: '元/项目',
};
