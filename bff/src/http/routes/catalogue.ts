import type Router from '@koa/router';
import { z } from 'zod';
import {
  INELIGIBLE_REASONS,
  LAB_LEVELS,
  MATCHED_ON,
  OPEN_UNIT_KINDS,
  OPEN_UNIT_STATUSES,
  PRICE_UNITS,
  PRIORITY_FIELDS,
  REGIONS,
  SERVICE_CATEGORIES,
  type LabAnswer,
  type LabView,
  type ServicePage,
  type ServiceView,
  type UnitAnswer,
  type UnitDetail,
  type UnitSummary,
} from '@kcq/shared';
import { labView, unitSummary } from '../../domain/catalogue';
import { searchQuerySchema } from '../../domain/catalogueSearch';
import { stateOf, unitAvailability, type OpenUnit } from '../../domain/openUnits';
import type { Services } from '../../domain/services';
import type { Policies } from '../authz';
import type { AppState } from '../context';
import type { RouteRegistry } from '../route';
import { idParams } from './schemas';

const day = z.string().describe('Beijing calendar day, YYYY-MM-DD');

// The views are declared once in @kcq/shared (api/catalogue.ts); `satisfies` keeps each schema equal to its type.

export const unitSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(OPEN_UNIT_KINDS).nullable(),
  district: z.string().nullable(),
  region: z.enum(REGIONS),
  mutualRecognition: z.boolean().describe('津冀互认 (第十九条)'),
  regionalMark: z.string().nullable().describe('"津冀互认" for recognised Tianjin/Hebei units'),
  status: z.enum(OPEN_UNIT_STATUSES).describe('Derived: a leaving unit past its leave date reads as left'),
  leaveOn: day.nullable().describe('First day out of the programme, when a leave notice stands (第六条)'),
}) satisfies z.ZodType<UnitSummary>;

export const labViewSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  name: z.string(),
  level: z.enum(LAB_LEVELS),
  fields: z.array(z.enum(PRIORITY_FIELDS)),
  description: z.string().nullable(),
}) satisfies z.ZodType<LabView>;

const instrumentSchema = z.object({ name: z.string(), model: z.string().nullable(), maker: z.string().nullable() });

export const serviceViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  category: z.enum(SERVICE_CATEGORIES),
  instrument: instrumentSchema.nullable(),
  description: z.string(),
  priceFen: z.number().int().describe('Price in fen per priceUnit'),
  priceUnit: z.enum(PRICE_UNITS),
  leadTimeDays: z.number().int(),
  statutory: z.boolean().describe('Statutory or mandatory testing: not voucher-eligible (第五条)'),
  compute: z.object({ gpuModel: z.string(), cards: z.number().int(), pricePerCardHourFen: z.number().int() }).nullable(),
  voucherEligible: z.boolean(),
  ineligibleReason: z.enum(INELIGIBLE_REASONS).nullable(),
  unit: unitSummarySchema,
  lab: z.object({ id: z.string(), name: z.string(), level: z.enum(LAB_LEVELS), fields: z.array(z.enum(PRIORITY_FIELDS)) }),
}) satisfies z.ZodType<ServiceView>;

const servicePageSchema = z.object({
  items: z.array(serviceViewSchema.extend({ matchedOn: z.enum(MATCHED_ON).nullable() })),
  nextCursor: z.string().nullable(),
}) satisfies z.ZodType<ServicePage>;

const labAnswerSchema = z.object({
  lab: labViewSchema,
  unit: unitSummarySchema,
  services: z.array(serviceViewSchema),
}) satisfies z.ZodType<LabAnswer>;

const unitAnswerSchema = z.object({
  unit: unitSummarySchema.extend({
    contact: z.object({ name: z.string(), phone: z.string(), email: z.string().nullable() }).nullable(),
    description: z.string().nullable(),
    acceptsProposals: z.boolean().describe('Active (or under notice) and voucher-capable by region (第六、十九条)'),
  }),
  labs: z.array(labViewSchema),
}) satisfies z.ZodType<UnitAnswer>;

/** Public browse, search and detail of the open-lab catalogue (第五条): no sign-in needed. */
export function catalogueRoutes(router: Router<AppState>, registry: RouteRegistry, services: Services, p: Policies): void {
  const { catalogue, catalogueSearch } = services;

  const unitDetail = (u: OpenUnit): UnitDetail => {
    const availability = unitAvailability(stateOf(u), catalogue.today());
    return {
      ...unitSummary(u, catalogue.today()),
      contact: u.contact,
      description: u.description,
      acceptsProposals: availability.ok,
    };
  };

  registry.add(router, {
    method: 'get',
    path: '/api/catalogue/services',
    summary:
      'Search services: keyword over unit, lab, service and instrument names; filters; relevance or price order; cursor pagination',
    tags: ['catalogue'],
    auth: p.public,
    query: searchQuerySchema,
    responses: {
      200: {
        description: 'A page; pass nextCursor back (with the same filters) for the next one',
        schema: servicePageSchema,
      },
      400: { description: 'VALIDATION_FAILED (including a cursor of another sort order)' },
    },
    handler: async (_ctx, { query }): Promise<ServicePage> => {
      const page = await catalogueSearch.search(query);
      return {
        items: page.items.map((h) => ({ ...catalogue.view(h.service), matchedOn: h.matchedOn })),
        nextCursor: page.nextCursor,
      };
    },
  });

  registry.add(router, {
    method: 'get',
    path: '/api/catalogue/services/:id',
    summary: 'One service, with its lab and unit and whether a voucher can pay for it today',
    tags: ['catalogue'],
    auth: p.public,
    params: idParams,
    responses: {
      200: { description: 'The service', schema: serviceViewSchema },
      404: { description: 'NOT_FOUND (also for withdrawn services and units suspended or past their leave date)' },
    },
    handler: async (_ctx, { params }): Promise<ServiceView> => catalogue.view(await catalogue.publicService(params.id)),
  });

  registry.add(router, {
    method: 'get',
    path: '/api/catalogue/labs/:id',
    summary: 'One lab with its unit and its listed services, cheapest first',
    tags: ['catalogue'],
    auth: p.public,
    params: idParams,
    responses: {
      200: { description: 'The lab', schema: labAnswerSchema },
      404: { description: 'NOT_FOUND' },
    },
    handler: async (_ctx, { params }): Promise<LabAnswer> => {
      const { lab, unit } = await catalogue.publicLab(params.id);
      return {
        lab: labView(lab),
        unit: unitSummary(unit, catalogue.today()),
        services: (await catalogue.servicesOfLab(lab._id)).map((s) => catalogue.view(s)),
      };
    },
  });

  registry.add(router, {
    method: 'get',
    path: '/api/catalogue/open-units/:id',
    summary: 'One open unit with its contact and labs, and whether it takes new proposals today',
    tags: ['catalogue'],
    auth: p.public,
    params: idParams,
    responses: {
      200: { description: 'The unit', schema: unitAnswerSchema },
      404: { description: 'NOT_FOUND (also for units suspended or past their leave date)' },
    },
    handler: async (_ctx, { params }): Promise<UnitAnswer> => {
      const unit = await catalogue.publicUnit(params.id);
      return { unit: unitDetail(unit), labs: (await catalogue.listLabs(unit._id)).map(labView) };
    },
  });

}
