/** The open period the claim tests share: 10 million yuan of quota, 9 million left, 50,000 per voucher (第十二条). */
import type { PeriodView } from '../../services/types';

export const YUAN = 100;

export const openPeriod: PeriodView = {
  id: 'p_4',
  name: '2026年第四期创新券',
  opensAt: '2026-11-20T00:00:00.000Z',
  closesAt: '2026-12-20T00:00:00.000Z',
  closedAt: null,
  quotaFen: 10_000_000 * YUAN,
  remainingFen: 9_000_000 * YUAN,
  maxVoucherFen: 50_000 * YUAN,
  perApplicantLimit: 1,
  status: 'open',
};
