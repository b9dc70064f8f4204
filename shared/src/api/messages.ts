/**
 * The wire shapes of the message centre (deadline reminders and status changes, per user): what
 * GET /api/messages, GET /api/messages/unread-count and the read endpoints answer, declared once for the
 * BFF and the mini-program. Dates are ISO strings.
 */
import type { DeadlineKind } from '../policy/lifecycle';

export const MESSAGE_KINDS = ['reminder', 'status'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export interface MessageView {
  id: string;
  kind: MessageKind;
  /** Which deadline a reminder is about; null for a status change. */
  reminder: DeadlineKind | null;
  voucherId: string;
  title: string;
  body: string;
  /** The mini-program page to open. */
  page: string | null;
  createdAt: string;
  read: boolean;
}

/** GET /api/messages: mine, newest first. */
export interface MessagesAnswer {
  messages: MessageView[];
}

/** GET /api/messages/unread-count (the badge). */
export interface UnreadCountAnswer {
  unread: number;
}

/** POST /api/messages/read-all: how many were marked. */
export interface ReadAllAnswer {
  marked: number;
}
