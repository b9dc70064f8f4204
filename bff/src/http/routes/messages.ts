import type Router from '@koa/router';
import { z } from 'zod';
import { MESSAGE_KINDS, type MessagesAnswer, type MessageView, type ReadAllAnswer, type UnreadCountAnswer } from '@kcq/shared';
import type { Services } from '../../domain/services';
import { caller, type Policies } from '../authz';
import type { AppState } from '../context';
import type { RouteRegistry } from '../route';
import { idParams, isoDate } from './schemas';

/** `satisfies` keeps these equal to the wire types declared once in @kcq/shared (api/messages.ts). */
const messageViewSchema = z.object({
  id: z.string(),
  kind: z.enum(MESSAGE_KINDS),
  reminder: z.enum(['registration', 'validity', 'redemption']).nullable(),
  voucherId: z.string(),
  title: z.string(),
  body: z.string(),
  page: z.string().nullable(),
  createdAt: isoDate,
  read: z.boolean(),
}) satisfies z.ZodType<MessageView>;

/** The message centre: deadline reminders and status changes, per user. Another user's message is 404. */
export function messageRoutes(router: Router<AppState>, registry: RouteRegistry, services: Services, p: Policies): void {
  const { messages } = services;

  registry.add(router, {
    method: 'get',
    path: '/api/messages',
    summary: 'My messages, newest first (reminders 3/7 days before deadlines, status changes)',
    tags: ['messages'],
    auth: p.signedIn,
    query: z.strictObject({
      limit: z.coerce.number().int().min(1).max(100).default(50),
      unread: z.enum(['true', 'false']).optional(),
    }),
    responses: { 200: { description: 'Messages', schema: z.object({ messages: z.array(messageViewSchema) }) satisfies z.ZodType<MessagesAnswer> } },
    handler: async (ctx, { query }): Promise<MessagesAnswer> => ({
      messages: await messages.list(caller(ctx).userId, { limit: query.limit, unreadOnly: query.unread === 'true' }),
    }),
  });

  registry.add(router, {
    method: 'get',
    path: '/api/messages/unread-count',
    summary: 'How many of my messages are unread (the badge)',
    tags: ['messages'],
    auth: p.signedIn,
    responses: { 200: { description: 'Count', schema: z.object({ unread: z.number().int() }) satisfies z.ZodType<UnreadCountAnswer> } },
    handler: async (ctx) => ({ unread: await messages.unreadCount(caller(ctx).userId) }),
  });

  registry.add(router, {
    method: 'post',
    path: '/api/messages/:id/read',
    summary: 'Mark one of my messages read',
    tags: ['messages'],
    auth: p.signedIn,
    params: idParams,
    responses: { 200: { description: 'The message', schema: messageViewSchema }, 404: { description: 'NOT_FOUND' } },
    handler: async (ctx, { params }) => messages.markRead(caller(ctx).userId, params.id),
  });

  registry.add(router, {
    method: 'post',
    path: '/api/messages/read-all',
    summary: 'Mark all my messages read',
    tags: ['messages'],
    auth: p.signedIn,
    responses: { 200: { description: 'How many were marked', schema: z.object({ marked: z.number().int() }) satisfies z.ZodType<ReadAllAnswer> } },
    handler: async (ctx) => ({ marked: await messages.markAllRead(caller(ctx).userId) }),
  });
}
