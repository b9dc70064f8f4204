/**
 * What an administrator needs to open a misconduct case (第十六条) on the phone: find the party — an
 * applicant by name or credit code, an open unit by name — and pick the vouchers, contracts and
 * redemptions concerned from that party's own. Administrators only (they see every applicant's data).
 */
import { deriveStatus, type VoucherStatus } from '@kcq/shared';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import { APPLICANTS, type Applicant } from '../applicants';
import { CONTRACTS, type ContractDoc } from '../contracts';
import { OPEN_UNITS, type OpenUnit } from '../openUnits';
import { REDEMPTIONS, type RedemptionDoc } from '../redemptions';
import { VOUCHERS, type VoucherDoc } from '../vouchers';
import type { Collection, Store } from '../../store';

/** At most this many matches of each kind (the administrator narrows the search). */
export const PARTY_MATCHES = 20;

export interface PartyMatch {
  kind: 'applicant' | 'open_unit';
  id: string;
  name: string;
  /** An enterprise's unified social credit code; null for a startup team or an open unit. */
  creditCode: string | null;
  /** Applicants: enterprise | team; units: their status. */
  detail: string;
}

export interface PartyItems {
  vouchers: { id: string; amountFen: number; status: VoucherStatus; claimedAt: Date }[];
  contracts: { id: string; voucherId: string; unitName: string; projectTitle: string; status: ContractDoc['status']; contractNo: string | null }[];
  redemptions: { id: string; contractId: string; voucherId: string; payableFen: number; status: RedemptionDoc['status'] }[];
}

/** A sampled item as the administrator reads it: what it is, and the parties a case from it may be against. */
export interface SubjectView {
  label: string;
  parties: PartyMatch[];
}

export class PartyFinder {
  private readonly applicants: Collection<Applicant>;
  private readonly units: Collection<OpenUnit>;
  private readonly vouchers: Collection<VoucherDoc>;
  private readonly contracts: Collection<ContractDoc>;
  private readonly redemptions: Collection<RedemptionDoc>;

  constructor(
    store: Store,
    private readonly clock: Clock,
  ) {
    this.applicants = store.collection<Applicant>(APPLICANTS);
    this.units = store.collection<OpenUnit>(OPEN_UNITS);
    this.vouchers = store.collection<VoucherDoc>(VOUCHERS);
    this.contracts = store.collection<ContractDoc>(CONTRACTS);
    this.redemptions = store.collection<RedemptionDoc>(REDEMPTIONS);
  }

  /** Applicants whose name or credit code contains `q`, and open units whose name contains it. */
  async search(q: string): Promise<PartyMatch[]> {
    const needle = q.trim().toUpperCase();
    if (!needle) return [];
    const hit = (s: string | undefined) => !!s && s.toUpperCase().includes(needle);
    const applicants = (await this.applicants.project({}, ['kind', 'creditCode', 'profile']))
      .filter((a) => hit(a.profile.name) || hit(a.creditCode))
      .slice(0, PARTY_MATCHES)
      .map((a): PartyMatch => ({ kind: 'applicant', id: a._id, name: a.profile.name, creditCode: a.creditCode ?? null, detail: a.kind }));
    const units = (await this.units.project({}, ['name', 'status']))
      .filter((u) => hit(u.name))
      .slice(0, PARTY_MATCHES)
      .map((u): PartyMatch => ({ kind: 'open_unit', id: u._id, name: u.name, creditCode: null, detail: u.status }));
    return [...applicants, ...units];
  }

  /** Sampled items by subject id (第十八条): a unit's name; a redemption's unit, applicant, amount and contract. */
  async describe(items: { subject: 'redemption' | 'open_unit'; subjectId: string }[]): Promise<Record<string, SubjectView>> {
    const out: Record<string, SubjectView> = {};
    const unitMatch = (u: Pick<OpenUnit, '_id' | 'name' | 'status'>): PartyMatch => ({ kind: 'open_unit', id: u._id, name: u.name, creditCode: null, detail: u.status });
    for (const { subject, subjectId } of items) {
      if (subject === 'open_unit') {
        const u = await this.units.findById(subjectId);
        out[subjectId] = u ? { label: u.name, parties: [unitMatch(u)] } : { label: '开放单位', parties: [] };
        continue;
      }
      const r = await this.redemptions.findById(subjectId);
      if (!r) {
        out[subjectId] = { label: '兑现申请', parties: [] };
        continue;
      }
      const [a, u, c] = await Promise.all([this.applicants.findById(r.applicantId), this.units.findById(r.unitId), this.contracts.findById(r.contractId)]);
      const parties: PartyMatch[] = [];
      if (a) parties.push({ kind: 'applicant', id: a._id, name: a.profile.name, creditCode: a.creditCode ?? null, detail: a.kind });
      if (u) parties.push(unitMatch(u));
      const title = c?.project.title ? `「${c.project.title}」` : '';
      out[subjectId] = { label: `${a?.profile.name ?? '申领单位'} → ${u?.name ?? '开放单位'}${title}`, parties };
    }
    return out;
  }

  /** The party's vouchers (applicants only), contracts and redemptions, newest first. */
  async items(kind: 'applicant' | 'open_unit', id: string): Promise<PartyItems> {
    const field = kind === 'applicant' ? 'applicantId' : 'unitId';
    const known = kind === 'applicant' ? await this.applicants.findById(id) : await this.units.findById(id);
    if (!known) throw new DomainError('NOT_FOUND', kind === 'applicant' ? '找不到该申领主体' : '找不到该开放单位');
    const now = this.clock.now();
    const vouchers = kind === 'applicant' ? await this.vouchers.find({ applicantId: id }, { sort: { claimedAt: -1 }, limit: 200 }) : [];
    const contracts = await this.contracts.find({ [field]: id }, { sort: { proposedAt: -1 }, limit: 200 });
    const redemptions = await this.redemptions.find({ [field]: id }, { sort: { submittedAt: -1 }, limit: 200 });
    return {
      vouchers: vouchers.map((v) => ({ id: v._id, amountFen: v.amountFen, status: deriveStatus(v, now).status, claimedAt: v.claimedAt })),
      contracts: contracts.map((c) => ({
        id: c._id,
        voucherId: c.voucherId,
        unitName: c.unitName,
        projectTitle: c.project.title,
        status: c.status,
        contractNo: c.terms?.contractNo ?? null,
      })),
      redemptions: redemptions.map((r) => ({ id: r._id, contractId: r.contractId, voucherId: r.voucherId, payableFen: r.payableFen, status: r.status })),
    };
  }
}
