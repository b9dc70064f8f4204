/**
 * Declarations (申报书, 第十四条 "开放单位网上申报"): the unit's staff declare until the deadline (a Beijing day,
 * policy/evaluation.ts mayDeclare). **Decision** (POLICY.md): the platform pre-fills what it knows of the unit
 * for the round's Beijing calendar year — services listed and their changes, proposals received, contracts
 * registered, redemptions approved and paid with amounts, the mean confirmation time — read-only; the unit
 * adds the instrument operation figures, openness rules, service quality statements and files, the value of
 * its opened instruments (pre-filled from its unit application, it decides the class) and whether it is a
 * third-party testing agency (excluded from subsidy, 第十一条). A banned or removed unit cannot declare
 * (第十七条, sanctions: 403 OPEN_UNIT_BANNED). Declaring again before the deadline replaces the declaration.
 */
import { z } from 'zod';
import { endOfShanghaiDay, mayDeclare, startOfShanghaiDay, textSchema, yuanToFen, type DeclarationInput as DeclarationWire, type DeclarationView, type PrefilledFigures } from '@kcq/shared';
import { CATALOGUE_SERVICES, type CatalogueService } from '../catalogue';
import type { Clock } from '../clock';
import { CONTRACTS, type ContractDoc } from '../contracts';
import { DomainError, DuplicateKeyError } from '../errors';
import type { Evidence, IncomingFile } from '../evidence';
import { newId } from '../ids';
import type { OpenUnits } from '../openUnits';
import { REDEMPTIONS, type RedemptionDoc } from '../redemptions';
import type { SupervisionDoors } from '../supervision/sanctions';
import type { UnitJoining } from '../units/joining';
import { yuanSchema } from '../units/joining';
import type { DecisionLog } from './log';
import { declarationFilesOwner, declarationView, type DeclarationDoc, type RoundDoc } from './model';
import type { EvaluationRounds } from './rounds';
import type { Store } from '../../store';

export const declarationInputSchema = z.strictObject({
  openedInstrumentValueYuan: yuanSchema('开放仪器原值', 100_000_000_000),
  instrumentHours: z.number().int({ error: '机时应为整数' }).min(0).max(10_000_000),
  sharedHours: z.number().int({ error: '机时应为整数' }).min(0).max(10_000_000),
  opennessRules: textSchema('开放制度', { max: 2000, multiline: true }),
  serviceQuality: textSchema('服务质量', { max: 2000, multiline: true }),
  effect: textSchema('开放成效', { max: 2000, multiline: true, required: false }).default(''),
  thirdPartyAgency: z.boolean({ error: '请说明是否为第三方检测检验服务机构' }),
  fileIds: z.array(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: '文件编号格式不正确' })).max(30).default([]),
}).refine((d) => d.sharedHours <= d.instrumentHours, { error: '共享机时不能超过运行机时', path: ['sharedHours'] }) satisfies z.ZodType<DeclarationWire>;
export type DeclarationInput = z.infer<typeof declarationInputSchema>;

const HOUR = 3_600_000;

export class Declarations {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly rounds: EvaluationRounds,
    private readonly openUnits: OpenUnits,
    private readonly joining: UnitJoining,
    private readonly evidence: Evidence,
    private readonly sanctions: Pick<SupervisionDoors, 'assertUnitMay'>,
    private readonly log: DecisionLog,
  ) {}

  /** 第十四条 Decision: what the platform knows of the unit for `year` (Beijing calendar year). */
  async prefill(unitId: string, year: number): Promise<PrefilledFigures> {
    const from = startOfShanghaiDay(`${year}-01-01`);
    const to = endOfShanghaiDay(`${year}-12-31`);
    const inYear = (d: Date | null | undefined) => !!d && d.getTime() >= from.getTime() && d.getTime() <= to.getTime();
    const services = await this.store.collection<CatalogueService>(CATALOGUE_SERVICES).find({ unitId }, { limit: 10_000 });
    const contracts = await this.store.collection<ContractDoc>(CONTRACTS).find({ unitId, proposedAt: { $lte: to } }, { limit: 100_000 });
    const redemptions = await this.store.collection<RedemptionDoc>(REDEMPTIONS).find({ unitId }, { limit: 100_000 });
    const confirmed = contracts.filter((c) => inYear(c.registeredAt));
    const approved = redemptions.filter((r) => r.review?.decision === 'approved' && inYear(r.review.at));
    const paid = redemptions.filter((r) => r.payment && inYear(r.payment.at));
    const sum = (rs: RedemptionDoc[]) => rs.reduce((n, r) => n + r.payableFen, 0);
    const hours = confirmed.map((c) => (c.registeredAt!.getTime() - c.proposedAt.getTime()) / HOUR);
    return {
      year,
      servicesListed: services.filter((s) => s.listed).length,
      servicesAdded: services.filter((s) => inYear(s.createdAt)).length,
      servicesChanged: services.filter((s) => !inYear(s.createdAt) && inYear(s.updatedAt)).length,
      proposalsReceived: contracts.filter((c) => inYear(c.proposedAt)).length,
      contractsRegistered: confirmed.length,
      redemptionsApproved: { count: approved.length, amountFen: sum(approved) },
      redemptionsPaid: { count: paid.length, amountFen: sum(paid) },
      averageConfirmationHours: hours.length ? Math.round((hours.reduce((a, b) => a + b, 0) / hours.length) * 10) / 10 : null,
      knownInstrumentValueFen: await this.joining.knownInstrumentValueFen(unitId),
    };
  }

  get(roundId: string, unitId: string): Promise<DeclarationDoc | null> {
    return this.rounds.declarations.findOne({ roundId, unitId });
  }

  async require(id: string): Promise<DeclarationDoc> {
    const d = await this.rounds.declarations.findById(id);
    if (!d) throw new DomainError('NOT_FOUND', '找不到该申报书');
    return d;
  }

  ofRound(roundId: string): Promise<DeclarationDoc[]> {
    return this.rounds.declarations.find({ roundId }, { sort: { unitName: 1 }, limit: 5_000 });
  }

  async files(d: Pick<DeclarationDoc, 'roundId' | 'unitId' | 'fileIds'>): Promise<DeclarationView['files']> {
    const docs = await this.evidence.ofContract(declarationFilesOwner(d.roundId, d.unitId));
    return docs
      .filter((f) => d.fileIds.includes(f._id))
      .map((f) => ({ id: f._id, filename: f.filename, contentType: f.contentType, size: f.sizeBytes, uploadedAt: f.uploadedAt.toISOString() }));
  }

  async view(d: DeclarationDoc, r: RoundDoc, audience: 'admin' | 'unit'): Promise<DeclarationView> {
    return declarationView(d, r, await this.files(d), audience);
  }

  /** Whether the unit may declare now (the deadline, and 第十七条 measures). */
  async canDeclare(unitId: string, r: RoundDoc): Promise<boolean> {
    if (r.phase !== 'open' || !mayDeclare(this.clock.now(), r.declarationDeadline)) return false;
    try {
      await this.sanctions.assertUnitMay(unitId, 'declare');
      return true;
    } catch {
      return false;
    }
  }

  private async assertOpen(unitId: string, r: RoundDoc): Promise<void> {
    // 第十七条 first: a banned unit is told why, whatever the date.
    await this.sanctions.assertUnitMay(unitId, 'declare');
    if (r.phase !== 'open' || !mayDeclare(this.clock.now(), r.declarationDeadline)) {
      throw new DomainError('DECLARATION_CLOSED', undefined, { deadline: r.declarationDeadline });
    }
  }

  async uploadFiles(roundId: string, unitId: string, files: IncomingFile[], userId: string): Promise<DeclarationView['files']> {
    const r = await this.rounds.require(roundId);
    await this.openUnits.require(unitId);
    await this.assertOpen(unitId, r);
    const stored = await this.evidence.upload({ _id: declarationFilesOwner(roundId, unitId), voucherId: declarationFilesOwner(roundId, unitId) }, files, userId);
    return stored.map((f) => ({ id: f._id, filename: f.filename, contentType: f.contentType, size: f.sizeBytes, uploadedAt: f.uploadedAt.toISOString() }));
  }

  admitFiles(roundId: string, unitId: string): Promise<void> {
    return this.evidence.admit({ _id: declarationFilesOwner(roundId, unitId) });
  }

  file(roundId: string, unitId: string, fileId: string) {
    return this.evidence.file(declarationFilesOwner(roundId, unitId), fileId);
  }

  /** 第十四条: the unit declares (again) until the deadline; the pre-filled figures are taken now. */
  async declare(roundId: string, unitId: string, input: DeclarationInput, userId: string, role: 'open_unit' | 'administrator' = 'open_unit'): Promise<DeclarationDoc> {
    const r = await this.rounds.require(roundId);
    const unit = await this.openUnits.require(unitId);
    await this.assertOpen(unitId, r);
    const known = new Set((await this.evidence.ofContract(declarationFilesOwner(roundId, unitId))).map((f) => f._id));
    const unknown = input.fileIds.filter((f) => !known.has(f));
    if (unknown.length) throw new DomainError('NOT_FOUND', '找不到所列的文件，请先上传', { fileIds: unknown });
    const now = this.clock.now();
    const fields = {
      unitName: unit.name,
      prefilled: await this.prefill(unitId, r.year),
      openedInstrumentValueFen: yuanToFen(input.openedInstrumentValueYuan),
      instrumentHours: input.instrumentHours,
      sharedHours: input.sharedHours,
      opennessRules: input.opennessRules,
      serviceQuality: input.serviceQuality,
      effect: input.effect,
      thirdPartyAgency: input.thirdPartyAgency,
      fileIds: [...new Set(input.fileIds)],
      submittedAt: now,
      submittedBy: userId,
    };
    const existing = await this.get(roundId, unitId);
    let doc: DeclarationDoc | null;
    if (existing) {
      doc = await this.rounds.declarations.updateOne({ _id: existing._id }, { $set: fields });
    } else {
      doc = { _id: newId('ed'), roundId, year: r.year, unitId, ...fields, panelIds: [], pendingIds: [], panel: [], panelVersion: 0, excluded: [], siteCheck: null, adjustment: null, plan: null };
      try {
        await this.rounds.declarations.insert(doc);
      } catch (err) {
        if (!(err instanceof DuplicateKeyError)) throw err;
        const again = (await this.get(roundId, unitId))!;
        doc = await this.rounds.declarations.updateOne({ _id: again._id }, { $set: fields });
      }
    }
    await this.log.append('declaration', doc!._id, existing ? 'redeclared' : 'declared', { id: userId, role }, {
      roundId,
      unitId,
      openedInstrumentValueFen: fields.openedInstrumentValueFen,
      thirdPartyAgency: fields.thirdPartyAgency,
      prefilled: fields.prefilled,
    });
    return doc!;
  }
}
