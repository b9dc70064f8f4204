import type Router from '@koa/router';
import { z } from 'zod';
import {
  MAX_TEMPLATES_PER_REQUEST,
  SUBSCRIBE_DECISIONS,
  SUBSCRIPTION_TOPICS,
  type SubscriptionsAnswer,
  type SubscriptionView,
} from '@kcq/shared';
import type { Services } from '../../domain/services';
import { caller, type Policies } from '../authz';
import type { AppState } from '../context';
import type { RouteRegistry } from '../route';
import { isoDate } from './schemas';

const templateSchema = z.object({ topic: z.enum(SUBSCRIPTION_TOPICS), templateId: z.string() });
const viewSchema = z.object({
  topic: z.enum(SUBSCRIPTION_TOPICS),
  templateId: z.string(),
  credits: z.number().int(),
  banned: z.boolean(),
  lastDecision: z.enum(SUBSCRIBE_DECISIONS).nullable(),
  decidedAt: isoDate.nullable(),
}) satisfies z.ZodType<SubscriptionView>;
const answerSchema = z.object({ templates: z.array(templateSchema), mine: z.array(viewSchema) }) satisfies z.ZodType<SubscriptionsAnswer>;

/**
 * Subscribe-message consent (issue #19, domain/subscriptions.ts): the templates the app asks for, and the
 * caller's answers to wx.requestSubscribeMessage, one message per acceptance.
 */
export function subscriptionRoutes(router: Router<AppState>, registry: RouteRegistry, services: Services, p: Policies): void {
  const { subscriptions } = services;

  registry.add(router, {
    method: 'get',
    path: '/api/me/subscriptions',
    summary: 'The subscribe-message templates the app asks consent for, and my unspent acceptances per template',
    tags: ['messages'],
    auth: p.signedIn,
    responses: { 200: { description: 'Templates and mine', schema: answerSchema } },
    handler: async (ctx): Promise<SubscriptionsAnswer> => ({ templates: subscriptions.list(), mine: await subscriptions.mine(caller(ctx).userId) }),
  });

  registry.add(router, {
    method: 'post',
    path: '/api/me/subscriptions',
    summary: 'Record my answers to wx.requestSubscribeMessage (template id → accept | reject | ban | filter); each accept allows one message',
    tags: ['messages'],
    auth: p.signedIn,
    body: z.strictObject({
      results: z
        .record(z.string().min(1).max(128), z.enum(SUBSCRIBE_DECISIONS))
        .refine((r) => Object.keys(r).length >= 1 && Object.keys(r).length <= MAX_TEMPLATES_PER_REQUEST, {
          message: `一次最多记录 ${MAX_TEMPLATES_PER_REQUEST} 个订阅消息模板`,
        }),
    }),
    responses: { 200: { description: 'Templates and mine, after recording', schema: answerSchema }, 400: { description: 'VALIDATION_FAILED' } },
    handler: async (ctx, { body }): Promise<SubscriptionsAnswer> => ({ templates: subscriptions.list(), mine: await subscriptions.record(caller(ctx).userId, body.results) }),
  });
}
