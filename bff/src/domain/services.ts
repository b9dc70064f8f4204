/** The domain wired to its ports: what the HTTP layer calls. Built once per app. */
import { Applicants } from './applicants';
import { Auth } from './auth';
import type { Clock } from './clock';
import type { ContractLinks } from './contractLinks';
import { Identity } from './identity';
import { Invites } from './invites';
import { OpenUnits } from './openUnits';
import { Sessions, type SessionOptions } from './sessions';
import { Users } from './users';
import type { Store } from '../store';
import type { WeChatPort } from '../wechat/port';
import type { ClaimInventory } from '../inventory/claims';
import { Periods } from './periods';
import { ClaimService } from './claims';
import { Vouchers } from './vouchers';
import { Catalogue } from './catalogue';
import { CatalogueSearch } from './catalogueSearch';
import { AuditTrail } from './audit';
import { auditReport, History } from './history';
import { Contracts } from './contracts';
import { Evidence, type EvidenceLimits } from './evidence';
import { Redemptions } from './redemptions';
import { Messages } from './messages';
import { LifecycleSweeper } from './lifecycleSweeper';
import { AdminStatistics } from './stats';
import type { EvidenceStorage } from '../store/files';
import { DevSubscribe, type SubscribePort } from '../wechat/subscribe';
import { Subscriptions } from './subscriptions';
import { Experts } from './experts/experts';
import { ReviewRounds } from './review/rounds';
import { RedemptionNotices } from './review/redemptionNotice';
import { Notices } from './notices/notices';
import { PaymentBatches } from './payments/batches';
import { Supervision } from './supervision';
import { Transparency } from './transparency/figures';
import { DecisionLog } from './evaluation/log';
import { UnitJoining } from './units/joining';
import { Evaluation } from './evaluation';

export interface ServicePorts {
  store: Store;
  /** The inventory the claim decides in (Redis or embedded); it may hold generic counters too. */
  inventory: ClaimInventory & { tryLock?: (name: string, ttlMs: number) => Promise<(() => Promise<void>) | null> };
  clock: Clock;
  wechat: WeChatPort;
  sessions: SessionOptions;
  adminOpenids: readonly string[];
  /** 第九条3 links; defaults to the contracts collection (tests may substitute their own). */
  contractLinks?: ContractLinks;
  /** Where evidence files go (disk under DATA_DIR/evidence, or GridFS). */
  evidence: EvidenceStorage;
  /** Per-contract and free-space bounds of evidence; the defaults of config.ts when absent. */
  evidenceLimits?: EvidenceLimits;
  /** WeChat subscribe messages; nothing is pushed without it. */
  subscribe?: SubscribePort;
  /** The claim under faults and polling (issue #20, docs/claims.md); defaults: wait 2 s for the store, no remaining cache. */
  claimTuning?: { storeWaitMs?: number; remainingCacheMs?: number; decideWithinMs?: number };
}

export function createServices(ports: ServicePorts) {
  const { store, clock } = ports;
  const users = new Users(store, clock, ports.adminOpenids);
  const openUnits = new OpenUnits(store, clock);
  const applicants = new Applicants(store, clock);
  const sessions = new Sessions(store, clock, ports.sessions);
  const identity = new Identity(users, applicants, openUnits);
  const periods = new Periods(store, ports.inventory, clock, undefined, ports.claimTuning?.remainingCacheMs);
  // The open-lab catalogue; it keeps its copies of unit fields in sync with every unit change.
  const catalogue = new Catalogue(store, clock, openUnits);
  openUnits.onChange(async (unit) => {
    await catalogue.syncUnit(unit);
  });
  // Every state change of a voucher, its contract and its redemption: audit entry, then messages (第十八条).
  const audit = new AuditTrail(store, clock);
  const history = new History(audit);
  // Subscribe-message consent (issue #19): one message per acceptance, per user and template.
  const subscribePort = ports.subscribe ?? new DevSubscribe();
  const subscriptions = new Subscriptions(store, clock, subscribePort.templates);
  const messages = new Messages(store, clock, users, applicants, subscribePort, subscriptions);
  history.onChange((entry, parties) => messages.statusChanged(entry, parties).then(() => undefined));
  const vouchers = new Vouchers(store, ports.inventory, clock, history);
  const contracts = new Contracts(store, clock, vouchers, catalogue, openUnits, history);
  const evidence = new Evidence(store, clock, ports.evidence, ports.evidenceLimits);
  const redemptions = new Redemptions(store, clock, vouchers, evidence, history);
  // Evidence stops growing once a redemption application cites it (EVIDENCE_UPLOAD_CLOSED).
  evidence.redemptionStatusFrom(async (contractId) => (await redemptions.ofContract(contractId))?.status ?? null);
  // Crash repair: an application reads its contract with any interrupted amendment completed; a voucher
  // is not cancelled nor its contract amended while a redemption application of it is half-written.
  redemptions.settleContractsWith((c) => contracts.settle(c));
  vouchers.onSettle((voucherId) => redemptions.settleVoucher(voucherId));
  const tryLock = ports.inventory.tryLock?.bind(ports.inventory);
  // 第十五条4、5: experts, review rounds, public notices and payment batches (docs/review.md).
  const experts = new Experts(store, clock, users);
  const reviewRounds = new ReviewRounds(store, clock, redemptions, vouchers, contracts, applicants, openUnits, evidence, experts, messages);
  const notices = new Notices(store, clock);
  const redemptionNotices = new RedemptionNotices(store, notices, redemptions, contracts, applicants, openUnits, reviewRounds);
  const paymentBatches = new PaymentBatches(store, clock, redemptions, notices, contracts, applicants, openUnits);
  // 第十六至十八条: misconduct cases, measures and spot checks; every door asks the sanctions lookup.
  const supervision = new Supervision(store, clock, applicants, openUnits, evidence);
  supervision.voidVouchersWith(vouchers);
  contracts.superviseWith(supervision.sanctions);
  redemptions.superviseWith(supervision.sanctions);
  catalogue.superviseWith(supervision.sanctions);
  // 第六条 joining by application and 第十一、十四条 the yearly evaluation (docs/evaluation.md): decisions logged.
  const decisionLog = new DecisionLog(store, clock);
  const unitJoining = new UnitJoining(store, clock, openUnits, new Invites(store, clock, users, openUnits), catalogue, notices, evidence, decisionLog, async (userId) =>
    Boolean((await users.get(userId))?.staff),
  );
  const evaluation = new Evaluation(store, clock, { openUnits, joining: unitJoining, evidence, experts, notices, sanctions: supervision.sanctions, log: decisionLog });
  const catalogueSearch = new CatalogueSearch(store, clock);
  catalogueSearch.superviseWith(supervision.sanctions);
  const stats = new AdminStatistics(store, clock, ports.inventory);
  return {
    clock,
    users,
    openUnits,
    applicants,
    sessions,
    identity,
    auth: new Auth(ports.wechat, users, identity, sessions),
    invites: new Invites(store, clock, users, openUnits),
    contractLinks: ports.contractLinks ?? contracts,
    periods,
    claims: new ClaimService(store, ports.inventory, periods, clock, applicants, supervision.sanctions, ports.claimTuning?.storeWaitMs, ports.claimTuning?.decideWithinMs),
    vouchers,
    catalogue,
    catalogueSearch,
    audit,
    history,
    contracts,
    evidence,
    redemptions,
    messages,
    /** Subscribe-message consent (issue #19): acceptances per user and template, spent one per message. */
    subscriptions,
    experts,
    reviewRounds,
    notices,
    redemptionNotices,
    paymentBatches,
    // Interrupted confirmations, amendments and redemption applications are completed before any void.
    sweeper: new LifecycleSweeper(vouchers, tryLock, 60_000, async () => (await contracts.reconcile()) + (await redemptions.reconcile())),
    /** The administrators' dashboard figures (GET /api/admin/stats). */
    stats,
    supervision,
    decisionLog,
    unitJoining,
    evaluation,
    /** 第十八条: the public transparency page's figures (GET /api/public/transparency), cached. */
    transparency: new Transparency(store, clock, stats, () => supervision.sanctions.hiddenUnits(), async () =>
      (await Promise.all((await notices.list()).map((n) => notices.view(n._id)))).filter((n) => n.phase === 'open'),
    ),
    /** 第十八条: a voucher's audit chain verified from its claim record. */
    auditReport: (voucherId: string) => auditReport(vouchers, audit, voucherId),
  };
}

export type Services = ReturnType<typeof createServices>;
