/**
 * The wire shapes of the open-lab catalogue (第五条, 第六条, 第十八条, 第十九条): what the BFF answers on
 * GET /api/catalogue/services, /services/:id, /labs/:id and /open-units/:id, and what an open unit's staff
 * read and send on /api/open-units/:id/labs and /api/open-units/:id/services, declared once for the BFF
 * and the mini-program. Money is integer fen; days are Beijing calendar days (YYYY-MM-DD); there are no
 * timestamps in these views.
 */
import type { IsoDay } from '../policy/calendar';
import type { LabLevel, OpenUnitKind, PriceUnit, PriorityField, Region, ServiceCategory } from '../policy/fields';

/** An open unit's status; `leaving`: a leave notice stands and the leave date has not come (第六条). */
export const OPEN_UNIT_STATUSES = ['active', 'leaving', 'suspended', 'left'] as const;
export type OpenUnitStatus = (typeof OPEN_UNIT_STATUSES)[number];

/**
 * Why a voucher cannot pay for a service today: statutory or mandatory testing (第五条), the unit
 * suspended (第十八条) or out of the programme (第六条), or in Tianjin/Hebei without mutual recognition (第十九条).
 */
export const INELIGIBLE_REASONS = ['statutory_testing', 'suspended', 'left', 'not_mutually_recognised'] as const;
export type IneligibleReason = (typeof INELIGIBLE_REASONS)[number];

/** The `sort` of GET /api/catalogue/services; `relevance` without a keyword is price ascending. */
export const SEARCH_SORTS = ['relevance', 'price_asc', 'price_desc'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

/** Where a keyword hit a service best: its name, its instrument (name, model, maker), its lab's or unit's name. */
export const MATCHED_ON = ['service', 'instrument', 'lab', 'unit'] as const;
export type MatchedOn = (typeof MATCHED_ON)[number];

/** The facility or instrument a service runs on. */
export interface Instrument {
  name: string;
  model: string | null;
  maker: string | null;
}

/** Compute for AI model training: the service's price is then per card-hour. */
export interface ComputeSpec {
  gpuModel: string;
  cards: number;
}

export interface UnitSummary {
  id: string;
  name: string;
  kind: OpenUnitKind | null;
  district: string | null;
  region: Region;
  /** 津冀互认 (第十九条). */
  mutualRecognition: boolean;
  /** "津冀互认" for a recognised Tianjin/Hebei unit, for the badge; else null. */
  regionalMark: string | null;
  /** Derived: a leaving unit past its leave date reads as left. */
  status: OpenUnitStatus;
  /** First day out of the programme, when a leave notice stands (第六条). */
  leaveOn: IsoDay | null;
}

/** A unit as GET /api/catalogue/open-units/:id shows it. */
export interface UnitDetail extends UnitSummary {
  contact: { name: string; phone: string; email: string | null } | null;
  description: string | null;
  /** Active (or under notice) and voucher-capable by region (第六条, 第十九条). */
  acceptsProposals: boolean;
}

export interface LabView {
  id: string;
  unitId: string;
  name: string;
  level: LabLevel;
  fields: PriorityField[];
  description: string | null;
}

/** What a service and the body that lists or edits it have in common. */
export interface ServiceFields {
  name: string;
  category: ServiceCategory;
  instrument: Instrument | null;
  description: string;
  /** Fen per `priceUnit` (per card-hour for compute). */
  priceFen: number;
  priceUnit: PriceUnit;
  /** Typical working days from sample receipt (or booking) to report. */
  leadTimeDays: number;
  /** 强制检测、法定检测: never voucher-eligible (第五条). */
  statutory: boolean;
}

export interface ServiceView extends ServiceFields {
  id: string;
  compute: (ComputeSpec & { pricePerCardHourFen: number }) | null;
  /** A voucher can pay for it today (第五条, 第十九条). */
  voucherEligible: boolean;
  /** Null exactly when `voucherEligible`. */
  ineligibleReason: IneligibleReason | null;
  unit: UnitSummary;
  lab: Pick<LabView, 'id' | 'name' | 'level' | 'fields'>;
}

/** A search result: the service and where the keyword hit it best (null without a keyword). */
export interface ServiceHit extends ServiceView {
  matchedOn: MatchedOn | null;
}

/** GET /api/catalogue/services: pass `nextCursor` back, with the same filters and sort, for the next page. */
export interface ServicePage {
  items: ServiceHit[];
  nextCursor: string | null;
}

/** GET /api/catalogue/labs/:id: the lab, its unit and its listed services, cheapest first. */
export interface LabAnswer {
  lab: LabView;
  unit: UnitSummary;
  services: ServiceView[];
}

/** GET /api/catalogue/open-units/:id: the unit and its labs by name. */
export interface UnitAnswer {
  unit: UnitDetail;
  labs: LabView[];
}

/** GET /api/open-units/:id/labs: the unit's labs by name. */
export interface UnitLabsAnswer {
  items: LabView[];
}

/** GET /api/open-units/:id/services: the unit's listed services, oldest first (statutory ones too). */
export interface UnitServicePage {
  items: ServiceView[];
  nextCursor: string | null;
}

/**
 * Body of POST /api/open-units/:id/services and PUT /api/open-units/:id/services/:serviceId, every field
 * given (the BFF also takes `instrument`, `description`, `statutory` and `compute` left out, as null, '',
 * false and null). `compute` is for compute services only, whose `priceUnit` is `card_hour`.
 */
export interface ServiceInput extends ServiceFields {
  /** One of the unit's listed labs. */
  labId: string;
  compute: ComputeSpec | null;
}
