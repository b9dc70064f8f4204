/**
 * Recording a state change (第十六条, 第十八条): one audit entry, chained per voucher from the voucher's
 * claim record, then the listeners (the message centre) hear of it. A listener that fails does not undo
 * the change it hears about: the change is stored and its audit entry written before listeners run.
 */
import { verifyChain, type AppendInput, type AuditEntry, type AuditTrail, type ChainReport } from './audit';
import { DomainError } from './errors';

/** The voucher exactly as claimed: the genesis of its audit chain (claims.ts inserts these fields). */
export interface ClaimRecord {
  _id: string;
  periodId: string;
  applicantId: string;
  amountFen: number;
  status: 'claimed';
  claimedAt: Date;
}

export function genesisOf(v: { _id: string; periodId: string; applicantId: string; amountFen: number; claimedAt: Date }): ClaimRecord {
  return { _id: v._id, periodId: v.periodId, applicantId: v.applicantId, amountFen: v.amountFen, status: 'claimed', claimedAt: v.claimedAt };
}

/** Who is concerned by a change: the applicant, and the open unit once a contract names one. */
export interface Parties {
  applicantId: string;
  unitId: string | null;
  /** The contract a redemption change belongs to: where its notice links. */
  contractId?: string;
}

export type ChangeListener = (entry: AuditEntry, parties: Parties) => Promise<void>;

export class History {
  private readonly listeners: ChangeListener[] = [];

  constructor(readonly audit: AuditTrail) {}

  onChange(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  async record(
    voucher: Parameters<typeof genesisOf>[0],
    input: Omit<AppendInput, 'voucherId'>,
    parties: Parties,
    /** Makes the entry once-only (AuditTrail.append): for steps a crash repair may repeat. */
    key?: string,
  ): Promise<AuditEntry> {
    const entry = await this.audit.append({ ...input, voucherId: voucher._id }, genesisOf(voucher), key);
    for (const listener of this.listeners) {
      try {
        await listener(entry, parties);
      } catch {
        // The change and its audit entry are stored; a lost notice must not turn it into an error.
      }
    }
    return entry;
  }
}

export interface AuditReport {
  voucherId: string;
  genesis: ClaimRecord;
  entries: AuditEntry[];
  report: ChainReport;
}

/** The chain of a voucher and its verification from the voucher's claim record (endpoint and CLI). */
export async function auditReport(
  vouchers: { get(id: string): Promise<Parameters<typeof genesisOf>[0] | null> },
  audit: AuditTrail,
  voucherId: string,
): Promise<AuditReport> {
  const v = await vouchers.get(voucherId);
  if (!v) throw new DomainError('NOT_FOUND', '找不到该创新券');
  const genesis = genesisOf(v);
  const entries = await audit.chain(voucherId);
  return { voucherId, genesis, entries, report: verifyChain(voucherId, genesis, entries) };
}
