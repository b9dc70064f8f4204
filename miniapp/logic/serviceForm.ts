/**
 * 本单位服务: an open unit's staff keep their services in the catalogue (第五条). The list groups the
 * unit's services by lab; the form takes the price in yuan and sends integer fen. The checks mirror the
 * BFF's serviceInputSchema (bff/src/domain/catalogue.ts) message for message, so a refusal is seen before
 * anything is sent; a server refusal is mapped back onto its field (fieldOfServicePath).
 */
import {
  PRICE_UNITS,
  PRICE_UNIT_LABELS,
  SERVICE_CATEGORY_OPTIONS,
  formatFen,
  parseYuanToFen,
  type PriceUnit,
  type ServiceCategory,
} from '@kcq/shared';
import { labLevelLabel } from './catalogue';
import type { LabView, ServiceInput, ServiceView, UnitServicePage } from '../services/types';

export interface ServiceForm {
  labId: string;
  name: string;
  category: ServiceCategory;
  /** The facility or instrument; all three empty = none. */
  instrumentName: string;
  instrumentModel: string;
  instrumentMaker: string;
  description: string;
  /** Yuan as typed, at most two decimals. */
  priceYuan: string;
  priceUnit: PriceUnit;
  leadTimeDays: string;
  /** 强制检测、法定检测: never voucher-eligible (第五条). */
  statutory: boolean;
  /** Compute only. */
  gpuModel: string;
  cards: string;
}

export type ServiceField = keyof ServiceForm;
export type ServiceErrors = Partial<Record<ServiceField, string>>;

/** serviceInputSchema: priceFen ≤ 100,000,000 fen. */
export const SERVICE_PRICE_MAX_FEN = 100_000_000;
export const LEAD_TIME_MAX_DAYS = 365;
export const CARDS_MAX = 100_000;

export const CATEGORY_OPTIONS = SERVICE_CATEGORY_OPTIONS;

/** Compute is priced per card-hour and nothing else is (the BFF's superRefine). */
export function priceUnitOptions(category: ServiceCategory): { code: PriceUnit; label: string }[] {
  return PRICE_UNITS.filter((u) => (category === 'compute') === (u === 'card_hour')).map((code) => ({ code, label: PRICE_UNIT_LABELS[code] }));
}

export function emptyServiceForm(labId = ''): ServiceForm {
  return {
    labId,
    name: '',
    category: 'analysis',
    instrumentName: '',
    instrumentModel: '',
    instrumentMaker: '',
    description: '',
    priceYuan: '',
    priceUnit: 'sample',
    leadTimeDays: '',
    statutory: false,
    gpuModel: '',
    cards: '',
  };
}

/** "48000" fen → "480", 48050 → "480.50": the yuan text the form shows. */
export const fenToYuanText = (fen: number): string => {
  const text = formatFen(fen, { unit: false }).replace(/,/g, '');
  return text.endsWith('.00') ? text.slice(0, -3) : text;
};

/** A listed service back into the form (edit). */
export function formFromService(s: ServiceView): ServiceForm {
  return {
    labId: s.lab.id,
    name: s.name,
    category: s.category,
    instrumentName: s.instrument?.name ?? '',
    instrumentModel: s.instrument?.model ?? '',
    instrumentMaker: s.instrument?.maker ?? '',
    description: s.description,
    priceYuan: fenToYuanText(s.priceFen),
    priceUnit: s.priceUnit,
    leadTimeDays: String(s.leadTimeDays),
    statutory: s.statutory,
    gpuModel: s.compute?.gpuModel ?? '',
    cards: s.compute ? String(s.compute.cards) : '',
  };
}

/** A new category: the price unit follows (compute ⇔ 元/卡时), the other fields stay as typed. */
export function withCategory(f: ServiceForm, category: ServiceCategory): ServiceForm {
  const units = priceUnitOptions(category).map((o) => o.code);
  const priceUnit = units.includes(f.priceUnit) ? f.priceUnit : units[0];
  return { ...f, category, priceUnit };
}

const requiredText = (value: string, label: string, max: number): string | undefined => {
  const t = value.trim();
  if (!t) return `请填写${label}`;
  if (t.length > max) return `${label}不超过${max}字`;
  return undefined;
};

const wholeNumber = (text: string): number | null => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : null);

export interface ServiceCheck {
  errors: ServiceErrors;
  /** The request body, when there are no errors. */
  input: ServiceInput | null;
}

export function checkServiceForm(f: ServiceForm): ServiceCheck {
  const errors: ServiceErrors = {};
  if (!f.labId) errors.labId = '请选择所属实验室';
  const name = requiredText(f.name, '服务名称', 100);
  if (name) errors.name = name;

  const hasInstrument = Boolean(f.instrumentName.trim() || f.instrumentModel.trim() || f.instrumentMaker.trim());
  if (hasInstrument) {
    const e = requiredText(f.instrumentName, '仪器设施名称', 100);
    if (e) errors.instrumentName = e;
  }
  if (f.instrumentModel.trim().length > 60) errors.instrumentModel = '型号不超过60字';
  if (f.instrumentMaker.trim().length > 60) errors.instrumentMaker = '生产厂商不超过60字';
  if (f.description.trim().length > 1000) errors.description = '服务说明不超过1000字';

  const price = parseYuanToFen(f.priceYuan);
  if (!f.priceYuan.trim()) errors.priceYuan = '请填写价格（元）';
  else if (price === null) errors.priceYuan = '价格应为不小于0的金额，最多两位小数（元）';
  else if (price > SERVICE_PRICE_MAX_FEN) errors.priceYuan = `单价不超过 ${formatFen(SERVICE_PRICE_MAX_FEN)}`;

  const compute = f.category === 'compute';
  if (compute !== (f.priceUnit === 'card_hour')) errors.priceUnit = '算力服务按卡时计价，其他服务不按卡时计价';

  const days = wholeNumber(f.leadTimeDays);
  if (!f.leadTimeDays.trim()) errors.leadTimeDays = '请填写服务周期（天）';
  else if (days === null || days > LEAD_TIME_MAX_DAYS) errors.leadTimeDays = `周期应为 0–${LEAD_TIME_MAX_DAYS} 的整数（天）`;

  const cards = wholeNumber(f.cards);
  if (compute) {
    const gpu = requiredText(f.gpuModel, 'GPU 型号', 60);
    if (gpu) errors.gpuModel = gpu;
    if (cards === null || cards < 1 || cards > CARDS_MAX) errors.cards = `卡数应为 1–${CARDS_MAX} 的整数`;
  }

  if (Object.keys(errors).length > 0 || price === null || days === null) return { errors, input: null };
  return {
    errors,
    input: {
      labId: f.labId,
      name: f.name.trim(),
      category: f.category,
      instrument: hasInstrument
        ? { name: f.instrumentName.trim(), model: f.instrumentModel.trim() || null, maker: f.instrumentMaker.trim() || null }
        : null,
      description: f.description.trim(),
      priceFen: price,
      priceUnit: f.priceUnit,
      leadTimeDays: days,
      statutory: f.statutory,
      compute: compute && cards !== null ? { gpuModel: f.gpuModel.trim(), cards } : null,
    },
  };
}

/** BFF field paths (details.fields[].path, e.g. "body.priceFen", "body.compute.cards") → form fields. */
export function fieldOfServicePath(path: string): ServiceField | null {
  const key = path.replace(/^body\./, '');
  const map: Record<string, ServiceField> = {
    labId: 'labId',
    name: 'name',
    category: 'category',
    instrument: 'instrumentName',
    'instrument.name': 'instrumentName',
    'instrument.model': 'instrumentModel',
    'instrument.maker': 'instrumentMaker',
    description: 'description',
    priceFen: 'priceYuan',
    priceUnit: 'priceUnit',
    leadTimeDays: 'leadTimeDays',
    statutory: 'statutory',
    compute: 'gpuModel',
    'compute.gpuModel': 'gpuModel',
    'compute.cards': 'cards',
  };
  return map[key] ?? null;
}

/** Server refusal details → messages on the form's fields (unknown paths are left to the error line). */
export function serverFieldErrors(details: Record<string, unknown>): ServiceErrors {
  const fields = Array.isArray(details.fields) ? (details.fields as { path?: unknown; message?: unknown }[]) : [];
  const errors: ServiceErrors = {};
  for (const f of fields) {
    const field = typeof f?.path === 'string' ? fieldOfServicePath(f.path) : null;
    if (field && typeof f.message === 'string' && !errors[field]) errors[field] = f.message;
  }
  return errors;
}

// ——— The list: the unit's services by lab ———

export interface LabGroup {
  lab: { id: string; name: string; level: LabView['level'] };
  /** "国家重点实验室". */
  levelLabel: string;
  services: ServiceView[];
}

/**
 * Groups the services under the unit's labs, in the labs' order (by name, as GET …/labs answers), a lab
 * without services included (staff add the first one there); a service whose lab is not in the list (it
 * moved meanwhile) gets a group of its own from the service's lab copy, after the others. Services keep
 * their order (oldest first).
 */
export function groupByLab(labs: readonly LabView[], services: readonly ServiceView[]): LabGroup[] {
  const groups = new Map<string, LabGroup>();
  for (const l of labs) groups.set(l.id, { lab: { id: l.id, name: l.name, level: l.level }, levelLabel: labLevelLabel(l.level), services: [] });
  for (const s of services) {
    let g = groups.get(s.lab.id);
    if (!g) {
      g = { lab: { id: s.lab.id, name: s.lab.name, level: s.lab.level }, levelLabel: labLevelLabel(s.lab.level), services: [] };
      groups.set(s.lab.id, g);
    }
    g.services.push(s);
  }
  return [...groups.values()];
}

/** Counts for the list's head: listed services, and how many of them a voucher can pay for (第五条). */
export function serviceCounts(services: readonly ServiceView[]): { total: number; eligible: number; statutory: number } {
  return {
    total: services.length,
    eligible: services.filter((s) => s.voucherEligible).length,
    statutory: services.filter((s) => s.statutory).length,
  };
}

/** Most pages walked for one list (100 a page): a unit lists tens of services, not thousands. */
export const MAX_PAGES = 20;

/**
 * Every page of GET /api/open-units/:id/services, following nextCursor; an id already seen (a page that
 * overlaps the previous one) is not repeated. Stops after MAX_PAGES.
 */
export async function collectPages(fetchPage: (cursor: string | null) => Promise<UnitServicePage>, maxPages = MAX_PAGES): Promise<ServiceView[]> {
  const items: ServiceView[] = [];
  const seen = new Set<string>();
  let cursor: string | null = null;
  for (let i = 0; i < maxPages; i += 1) {
    const page: UnitServicePage = await fetchPage(cursor);
    for (const s of page.items) {
      if (seen.has(s.id)) continue;
      seen.add(s.id);
      items.push(s);
    }
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return items;
}
