/**
 * Joining an open unit and managing its staff (BFF: bff/src/http/routes/invites.ts). Kept beside api.ts
 * on the same client, so the screens of the staff and my sub-packages do not grow the main API object.
 */
import { client } from './api';
import type { StaffMemberView } from '../logic/team';

export interface IssuedInvite {
  code: string;
  openUnitId: string;
  manager: boolean;
  expiresAt: string;
}

export interface JoinedUnit {
  openUnit: { id: string; name: string };
  manager: boolean;
}

export interface UnitSummary {
  id: string;
  name: string;
  status: string;
}

const unitPath = (id: string) => `/api/open-units/${encodeURIComponent(id)}`;

export const team = {
  /** A unit manager or an administrator: a single-use code, valid 7 days, shown only now. */
  issueInvite: (unitId: string, manager: boolean) => client.request<IssuedInvite>('POST', `${unitPath(unitId)}/invites`, { body: { manager } }),
  redeemInvite: (code: string, name: string) => client.request<JoinedUnit>('POST', '/api/invites/redeem', { body: { code, name } }),
  staff: (unitId: string) => client.request<{ items: StaffMemberView[] }>('GET', `${unitPath(unitId)}/staff`),
  unbind: (unitId: string, userId: string) => client.request<void>('DELETE', `${unitPath(unitId)}/staff/${encodeURIComponent(userId)}`),
  /** Administrators: every unit by name, to pick the one to invite staff to. */
  units: () => client.request<{ items: UnitSummary[]; nextCursor: string | null }>('GET', '/api/admin/open-units?limit=100'),
};
