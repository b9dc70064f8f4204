import mocks, { claimRefusals } from '../../mock/api';
import { describeError } from '../services/errors';
import { ApiError } from '../services/client';
import { endpointsUsed } from './support/endpoints';

test('mock/api.ts answers every endpoint the screens call', () => {
  const used = endpointsUsed();
  expect(used.length).toBeGreaterThanOrEqual(18);
  expect(used).toEqual(
    expect.arrayContaining([
      'GET /api/catalogue/services',
      'POST /api/admin/periods/:id/close',
      'GET /api/admin/stats',
      'GET /api/contracts',
      'POST /api/contracts/:id/confirm',
      'POST /api/contracts/:id/redemption',
      'GET /api/admin/redemptions',
      'POST /api/admin/review-rounds',
      'POST /api/admin/review-items/:id/decision',
      'GET /api/notices/:id',
      'POST /api/admin/payment-batches/:id/paid',
      'GET /api/messages/unread-count',
      'POST /api/messages/read-all',
      'DELETE /api/applicants/:id/members/:memberId',
      'GET /api/open-units/:id/services',
      'PUT /api/open-units/:id/services/:serviceId',
      'DELETE /api/open-units/:id/services/:serviceId',
      'POST /api/contracts/:id/amend',
    ]),
  );
  // The upload path is built at run time (weapp uploadFile / H5 FormData): listed here by hand.
  expect(Object.keys(mocks)).toEqual(expect.arrayContaining(['POST /api/contracts/:id/evidence', 'GET /api/contracts/:id/evidence/:evidenceId']));
  for (const e of used) expect(Object.keys(mocks)).toContain(e);
  expect(Object.keys(mocks)).toEqual(expect.arrayContaining(['POST /api/auth/wechat', 'POST /api/auth/refresh', 'GET /readyz']));
});

test('the mock refusals read as the claim sheet shows them', () => {
  for (const [code, { status, body }] of Object.entries(claimRefusals)) {
    const v = describeError(new ApiError(status, body.error.code, body.error.message, 'details' in body.error ? body.error.details : undefined));
    expect(v.code).toBe(code);
    expect(v.next).toBeDefined();
  }
});
