/**
 * THE authorization matrix: every endpoint × six actors, the exact outcome of each cell.
 *
 * Every endpoint that exists must have at least one row (a test below checks it against the OpenAPI
 * document), so a new endpoint cannot ship without deciding who may call it. Add rows, not ifs.
 *
 * The world of every cell (rebuilt per cell, because many cells write):
 *   A      alice, owner of an eligible enterprise
 *   B      bob, leader of a startup team
 *   X      staff (manager) of open unit X — unit X has contracts with A (第九条3, real contracts), none with B
 *   Y      staff (manager) of open unit Y — no contracts
 *   admin  dev-admin (ADMIN_OPENIDS)
 *   anonymous  no Authorization header
 * plus an open period in which A already holds a voucher, and an upcoming period.
 * plus carol (no role, a transfer target) and xeno (plain staff of X, a removal target).
 * The catalogue: unit X has a lab with a service and an empty lab, unit Y a lab with a service; unit S is
 * suspended; unit Z gave notice 40 days ago and its leave date has passed (so it can be retired).
 * Contracts (第九条, 第十五条): in a second open period A holds four more vouchers. contractA (voucherA) is
 * proposed to X; voucherA3 is free; contractR is registered with X, has evidence evR and a submitted
 * redemption redemptionR; contractP is registered with an approved redemption redemptionP (approved in Q4, so
 * paid from next year); contractQ is registered with evidence evQ and no redemption. messageA is one of A's
 * messages (X's confirmations notify A).
 *
 * Object-level cells follow 第九条3 (see http/authz.ts): another applicant's data is 404 to whoever
 * may not know it exists; 403 to those who may see it but not change it.
 *
 * The seventh actor, E, is an expert (第十五条4): bound to a profile, no applicant, no unit; assigned to
 * redemption R's review item (with experts E2, E3; E answered "doubtful"). Redemption P went through a round
 * and was approved (Q4: next year's funds) and is in public notice noticeP (objectionP is open on it).
 * Rows written before experts existed need not state E: E then gets what Y gets (an actor with no tie to
 * A's data); where an expert differs (staff-only endpoints…) the row states E. Rows of the review, notice
 * and payment endpoints always state E.
 */
import request from 'supertest';
import { serviceInputSchema } from '../../src/domain/catalogue';
import type { Store } from '../../src/store';
import { roundInputSchema, declarationInputSchema } from '../../src/domain/evaluation';
import { unitApplicationInputSchema } from '../../src/domain/units/joining';
import { applicationBody, declarationBody, flat } from '../evaluation/support';
import {
  creditCode,
  enterpriseProfile,
  identityApp,
  storeAdapters,
  student,
  teamProfile,
  T0,
  type IdentityApp,
  type Session,
} from '../support/identity';

const ACTORS = ['anonymous', 'A', 'B', 'X', 'Y', 'admin', 'E'] as const;
type Actor = (typeof ACTORS)[number];
type LegacyActor = Exclude<Actor, 'E'>;

interface World {
  t: IdentityApp;
  s: Record<Exclude<Actor, 'anonymous'>, Session> & { carol: Session; xeno: Session; spare: Session; E2: Session };
  applicantA: string;
  teamB: string;
  memberB: string;
  unitX: string;
  unitY: string;
  inviteY: string;
  openPeriod: string;
  upcomingPeriod: string;
  voucherA: string;
  labX: string;
  emptyLabX: string;
  serviceX: string;
  labY: string;
  unitS: string;
  unitZ: string;
  voucherA2: string;
  voucherA3: string;
  contractA: string;
  contractR: string;
  contractP: string;
  contractQ: string;
  evR: string;
  evQ: string;
  redemptionR: string;
  redemptionP: string;
  messageA: string;
  expertE: string;
  itemR: string;
  roundR: string;
  noticeP: string;
  noticeItemP: string;
  objectionP: string;
  caseB: string;
  caseY: string;
  caseFileY: string;
  spotCheck: string;
  spotItem: string;
  /** 第六条: A's unit application (submitted) with a file; 第十四条: the 2026 round (declaring), X's declaration with a file. */
  appA: string;
  appFileA: string;
  roundE: string;
  declX: string;
  declFileX: string;
  spotFile: string;
}

const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');
const matrixTerms = {
  contractNo: 'HT-MATRIX-1',
  contractAmountFen: 200_000,
  startDay: '2026-11-21',
  endDay: '2027-01-31',
  voucherAmountFen: 100_000,
};
const matrixProject = { title: '矩阵·合作项目', description: '保密的科研活动内容' };

const serviceBody = (labId: string) => ({
  labId,
  name: '矩阵·X射线衍射物相分析',
  category: 'analysis',
  instrument: { name: 'X射线衍射仪', model: 'D8 Advance', maker: '布鲁克' },
  priceFen: 30_000,
  priceUnit: 'sample',
  leadTimeDays: 3,
});
const labBody = { name: '矩阵·新实验室', level: 'municipal_key_lab', fields: ['new_materials'] };

async function buildWorld(store: Store): Promise<World> {
  const t = identityApp({ store });
  // Unit Z gave notice 40 days before T0 for a leave date 5 days before T0 (第六条), before anyone signs in.
  t.clock.set(new Date(T0.getTime() - 40 * 86_400_000));
  const unitZ = (await t.services.openUnits.create('开放单位Z'))._id;
  await t.services.openUnits.recordLeaveNotice(unitZ, { leaveOn: '2026-11-16', reason: '并入其他单位' }, 'u_matrix_seed');
  t.clock.set(T0);
  const names = ['alice', 'bob', 'xavier', 'yolanda', 'admin', 'carol', 'xeno', 'spare'] as const;
  const [A, B, X, Y, admin, carol, xeno, spare] = await Promise.all(names.map((n) => t.signIn(n)));
  const { applicants, openUnits, invites } = t.services;
  const applicantA = (await applicants.register(A.userId, enterpriseProfile() as never))._id;
  const team = await applicants.register(B.userId, teamProfile() as never);
  const unitX = (await openUnits.create('开放单位X'))._id;
  const unitY = (await openUnits.create('开放单位Y'))._id;
  await invites.bindDirectly(X.userId, unitX, true, admin.userId);
  await invites.bindDirectly(Y.userId, unitY, true, admin.userId);
  await invites.bindDirectly(xeno.userId, unitX, false, admin.userId);
  const inviteY = (await invites.issue(unitY, admin.userId, false)).code;
  const memberB = (team.profile as { members: { id: string }[] }).members[0].id;
  const { periods, claims } = t.services;
  const day = 86_400_000;
  const terms = { quotaFen: 10_000_000, maxVoucherFen: 5_000_000, perApplicantLimit: 1 };
  const open = await periods.create({ name: '矩阵·开放期', opensAt: new Date(T0.getTime() - 3_600_000), closesAt: new Date(T0.getTime() + 7 * day), ...terms }, admin.userId);
  const upcoming = await periods.create({ name: '矩阵·未开放期', opensAt: new Date(T0.getTime() + day), closesAt: new Date(T0.getTime() + 8 * day), ...terms }, admin.userId);
  const voucherA = await claims.claim({
    applicant: (await applicants.get(applicantA))!,
    periodId: open._id,
    amountFen: 100_000,
    idempotencyKey: 'matrix-voucher-A',
  });
  const { catalogue } = t.services;
  const lab = (unit: string, name: string) =>
    catalogue.addLab(unit, { name, level: 'national_key_lab', fields: ['new_materials'], description: null }).then((l) => l._id);
  const labX = await lab(unitX, '实验室X');
  const emptyLabX = await lab(unitX, '空实验室X');
  const labY = await lab(unitY, '实验室Y');
  const service = (unit: string, labId: string) =>
    catalogue.addService(unit, serviceInputSchema.parse(serviceBody(labId))).then((x) => x._id);
  const serviceX = await service(unitX, labX);
  await service(unitY, labY);
  const unitS = (await openUnits.create('开放单位S'))._id;
  await openUnits.suspend(unitS, '核查中', admin.userId);

  // Contracts (real ones: they also make unit X linked to A for 第九条3).
  const { contracts, evidence, redemptions } = t.services;
  const open2 = await periods.create({ name: '矩阵·开放期2', opensAt: new Date(T0.getTime() - 3_600_000), closesAt: new Date(T0.getTime() + 7 * day), ...terms, perApplicantLimit: 4 }, admin.userId);
  const applicant = (await applicants.get(applicantA))!;
  const more = [];
  for (let i = 2; i <= 5; i++) {
    more.push((await claims.claim({ applicant, periodId: open2._id, amountFen: 100_000, idempotencyKey: `matrix-voucher-A${i}` })).id);
  }
  const [voucherA2, voucherA3, voucherA4, voucherA5] = more;
  const proposal = (voucherId: string) =>
    contracts.propose(applicantA, A.userId, { voucherId, serviceId: serviceX, project: matrixProject, municipalFundingReceived: false });
  const registered = async (voucherId: string) => {
    const c = await proposal(voucherId);
    return contracts.confirm(c, X.userId, matrixTerms);
  };
  const upload = async (c: { _id: string; voucherId: string }) =>
    (await evidence.upload(c, [{ filename: 'r.pdf', declaredType: 'application/pdf', data: PDF }], X.userId))[0]._id;
  const contractA = (await proposal(voucherA.id))._id;
  const cR = await registered(voucherA2);
  const evR = await upload(cR);
  const redemptionR = (await redemptions.apply(cR, X.userId, { actualAmountFen: 200_000, report: '完成', evidenceIds: [evR] }))._id;
  const cP = await registered(voucherA4);
  const evP = await upload(cP);
  const redemptionP = (await redemptions.apply(cP, X.userId, { actualAmountFen: 200_000, report: '完成', evidenceIds: [evP] }))._id;
  // 第十五条4: experts E, E2, E3 (E2 tied to nothing, E3 likewise); one round over R and P.
  const { experts, reviewRounds, redemptionNotices, notices } = t.services;
  const [E, E2, E3] = await Promise.all(['expert-e', 'expert-e2', 'expert-e3'].map((n) => t.signIn(n)));
  const expertIds: string[] = [];
  for (const [i, u] of [E, E2, E3].entries()) {
    const e = await experts.create({ name: `矩阵专家${i}`, organisation: `研究院${i}`, fields: ['new_materials'], ties: [] }, admin.userId);
    await experts.bind(e._id, u.userId);
    expertIds.push(e._id);
  }
  const round = await reviewRounds.open({ name: '矩阵·评审批次', panelSize: 3, filter: {} }, admin.userId);
  const items = (await reviewRounds.roundView(round._id)).items;
  const itemR = items.find((i) => i.redemptionId === redemptionR)!.id;
  const itemP = items.find((i) => i.redemptionId === redemptionP)!.id;
  for (const [i, u] of [E, E2, E3].entries()) await reviewRounds.giveOpinion(itemP, expertIds[i], u.userId, { opinion: 'pass', comment: '同意' });
  await reviewRounds.decide(itemP, { decision: 'approve' }, admin.userId);
  await reviewRounds.giveOpinion(itemR, expertIds[0], E.userId, { opinion: 'doubtful', comment: '待核实' });
  const noticeP = await redemptionNotices.publish({ title: '矩阵·公示', startDay: '2026-11-21' }, admin.userId);
  const noticeItemP = (await notices.view(noticeP._id)).items[0].id;
  const objectionP = (await notices.lodge(noticeP._id, noticeItemP, B.userId, '矩阵·异议'))._id;
  const cQ = await registered(voucherA5);
  const evQ = await upload(cQ);
  const [messageA] = await t.services.messages.list(A.userId, { limit: 1 });
  // Supervision (第十六至十八条): a decided case against B (a recovery only, so no door refuses anyone), an
  // open case against Y with a file, and a spot check over the open units.
  const { supervision } = t.services;
  const caseB = (await supervision.cases.open({ party: { kind: 'applicant', applicantId: team._id }, misconduct: [{ kind: 'false_information' }], summary: '矩阵·案件B' }, admin.userId))._id;
  await supervision.cases.decide(caseB, { reason: '矩阵', measures: [{ kind: 'recover_funds', amountFen: 1_000 }] }, admin.userId);
  const caseY = (await supervision.cases.open({ party: { kind: 'open_unit', unitId: unitY }, misconduct: [{ kind: 'data_leak' }], summary: '矩阵·案件Y' }, admin.userId))._id;
  const caseFileY = (await supervision.addCaseFiles(caseY, [{ filename: 'c.pdf', declaredType: 'application/pdf', data: PDF }], admin.userId)).files[0].id;
  const spot = await supervision.spotChecks.draw({ title: '矩阵·抽查', population: 'open_units', size: 1, seed: 1 }, admin.userId);
  // 第六条 and 第十一、十四条 (docs/evaluation.md): a unit application by A, the 2026 round, X's declaration.
  const { unitJoining, evaluation } = t.services;
  const appA = (await unitJoining.apply(A.userId, unitApplicationInputSchema.parse(applicationBody(8))))._id;
  const [appFileA] = await unitJoining.addFiles(appA, { userId: A.userId, isAdmin: false }, [{ filename: 'a.pdf', declaredType: 'application/pdf', data: PDF }]);
  const roundE = (await evaluation.rounds.open(roundInputSchema.parse({ year: 2026, declarationDeadline: '2026-12-31', classThresholdYuan: 5_000_000 }), admin.userId))._id;
  const [declFileX] = await evaluation.declarations.uploadFiles(roundE, unitX, [{ filename: 'd.pdf', declaredType: 'application/pdf', data: PDF }], X.userId);
  const declX = (await evaluation.declarations.declare(roundE, unitX, declarationInputSchema.parse(declarationBody({ fileIds: [declFileX.id] })), X.userId))._id;
  const [spotFile] = await supervision.uploadCheckFiles(spot._id, [{ filename: 's.pdf', declaredType: 'application/pdf', data: PDF }], admin.userId);
  await supervision.recordCheck(spot._id, spot.items[0].id, { outcome: 'issues_found', fileIds: [spotFile.id] }, admin.userId);
  return {
    voucherA2,
    voucherA3,
    contractA,
    contractR: cR._id,
    contractP: cP._id,
    contractQ: cQ._id,
    evR,
    evQ,
    redemptionR,
    redemptionP,
    messageA: messageA.id,
    expertE: expertIds[0],
    itemR,
    roundR: round._id,
    noticeP: noticeP._id,
    noticeItemP,
    objectionP,
    caseB,
    caseY,
    caseFileY,
    spotCheck: spot._id,
    spotItem: spot.items[0].id,
    appA,
    appFileA: appFileA.id,
    roundE,
    declX,
    declFileX: declFileX.id,
    spotFile: spotFile.id,
    labX,
    emptyLabX,
    serviceX,
    labY,
    unitS,
    unitZ,
    t,
    s: { A, B, X, Y, admin, carol, xeno, spare, E, E2 },
    applicantA,
    teamB: team._id,
    memberB,
    unitX,
    unitY,
    inviteY,
    openPeriod: open._id,
    upcomingPeriod: upcoming._id,
    voucherA: voucherA.id,
  };
}

type Outcome = [status: number, code?: string];

interface Row {
  method: 'get' | 'post' | 'put' | 'delete';
  /** The path as documented (OpenAPI style). */
  path: string;
  /** What differs between rows of the same endpoint. */
  variant?: string;
  url: (w: World) => string;
  body?: (w: World, actor: Actor) => object;
  headers?: (w: World, actor: Actor) => Record<string, string>;
  /** multipart/form-data files instead of a JSON body. */
  files?: { field: string; data: Buffer; filename: string; contentType: string }[];
  /** E may be left out on rows older than experts: E then gets Y's outcome (see the header). */
  expect: Record<LegacyActor, Outcome> & { E?: Outcome };
}

const outcome = (row: Row, actor: Actor): Outcome => (actor === 'E' ? (row.expect.E ?? row.expect.Y) : row.expect[actor]);

const OK = (status = 200): Outcome => [status];
const UNAUTH: Outcome = [401, 'UNAUTHENTICATED'];
const FORBIDDEN: Outcome = [403, 'FORBIDDEN'];
const HIDDEN: Outcome = [404, 'NOT_FOUND'];

const everyone = (o: Outcome): Record<Actor, Outcome> => ({ anonymous: o, A: o, B: o, X: o, Y: o, admin: o, E: o });
const adminOnly = (status = 200): Record<Actor, Outcome> => ({
  anonymous: UNAUTH,
  A: FORBIDDEN,
  B: FORBIDDEN,
  X: FORBIDDEN,
  Y: FORBIDDEN,
  admin: OK(status),
  E: FORBIDDEN,
});
/** An administrator's endpoint answered with a state or existence refusal for the administrator. */
const adminGets = (o: Outcome): Record<Actor, Outcome> => ({ ...adminOnly(), admin: o });
/** 第十五条4: experts only; E is assigned. */
const expertOnly = (o: Outcome = OK()): Record<Actor, Outcome> => ({
  anonymous: UNAUTH,
  A: FORBIDDEN,
  B: FORBIDDEN,
  X: FORBIDDEN,
  Y: FORBIDDEN,
  admin: FORBIDDEN,
  E: o,
});
const NO_BATCH = 'pb_doesnotexist0000000000';

/** Staff of the unit in the path (X) and administrators. */
const ownUnit = (status = 200): Record<LegacyActor, Outcome> => ({
  anonymous: UNAUTH,
  A: FORBIDDEN,
  B: FORBIDDEN,
  X: OK(status),
  Y: FORBIDDEN,
  admin: OK(status),
});

/** 第九条3: the contract's applicant (A), its unit's staff (X) and administrators see it; others get 404. */
const contractParties = (status = 200): Record<LegacyActor, Outcome> => ({ anonymous: UNAUTH, A: OK(status), B: HIDDEN, X: OK(status), Y: HIDDEN, admin: OK(status) });
/** Staff of the contract's unit act; the applicant and administrators may see it (403); others get 404. */
const contractStaff = (status = 200): Record<LegacyActor, Outcome> => ({ anonymous: UNAUTH, A: FORBIDDEN, B: HIDDEN, X: OK(status), Y: HIDDEN, admin: FORBIDDEN });
const signedInOK = (status = 200): Record<Actor, Outcome> => ({ ...everyone(OK(status)), anonymous: UNAUTH });

/** 第十五条4、5: experts, review rounds, public notices, payment batches — every actor stated. */
const REVIEW_ROWS: Row[] = [
  { method: 'get', path: '/api/admin/experts', url: () => '/api/admin/experts', expect: adminOnly() },
  {
    method: 'post',
    path: '/api/admin/experts',
    url: () => '/api/admin/experts',
    body: () => ({ name: '新专家', organisation: '某大学', fields: ['new_materials'] }),
    expect: adminOnly(201),
  },
  {
    method: 'put',
    path: '/api/admin/experts/{id}',
    url: (w) => `/api/admin/experts/${w.expertE}`,
    body: () => ({ name: '矩阵专家0', organisation: '研究院0', fields: ['new_materials'], ties: [] }),
    expect: adminOnly(),
  },
  {
    method: 'post',
    path: '/api/admin/experts/{id}/bind',
    variant: 'already bound',
    url: (w) => `/api/admin/experts/${w.expertE}/bind`,
    body: (w) => ({ userId: w.s.carol.userId }),
    expect: adminGets([409, 'EXPERT_ALREADY_BOUND']),
  },
  { method: 'post', path: '/api/admin/experts/{id}/invites', variant: 'already bound', url: (w) => `/api/admin/experts/${w.expertE}/invites`, expect: adminGets([409, 'EXPERT_ALREADY_BOUND']) },
  {
    method: 'post',
    path: '/api/expert-invites/redeem',
    variant: 'a code that does not exist',
    url: () => '/api/expert-invites/redeem',
    body: () => ({ code: 'AAAA-BBBB-CCCC' }),
    expect: { ...everyone([404, 'INVITE_INVALID']), anonymous: UNAUTH },
  },
  { method: 'get', path: '/api/expert/profile', url: () => '/api/expert/profile', expect: expertOnly() },
  { method: 'get', path: '/api/expert/assignments', url: () => '/api/expert/assignments', expect: expertOnly() },
  { method: 'get', path: '/api/expert/assignments/{id}', variant: "E's assignment (R)", url: (w) => `/api/expert/assignments/${w.itemR}`, expect: expertOnly() },
  {
    method: 'get',
    path: '/api/expert/assignments/{id}/evidence/{evidenceId}',
    variant: "evidence R's redemption cites",
    url: (w) => `/api/expert/assignments/${w.itemR}/evidence/${w.evR}`,
    expect: expertOnly(),
  },
  {
    method: 'get',
    path: '/api/expert/assignments/{id}/evidence/{evidenceId}',
    variant: 'evidence of another contract (Q): not cited',
    url: (w) => `/api/expert/assignments/${w.itemR}/evidence/${w.evQ}`,
    expect: expertOnly(HIDDEN),
  },
  {
    method: 'post',
    path: '/api/expert/assignments/{id}/opinion',
    url: (w) => `/api/expert/assignments/${w.itemR}/opinion`,
    body: () => ({ opinion: 'pass', comment: '同意' }),
    expect: expertOnly(),
  },
  {
    method: 'post',
    path: '/api/admin/review-rounds',
    variant: 'nothing submitted is left',
    url: () => '/api/admin/review-rounds',
    body: () => ({ name: '矩阵·新批次' }),
    expect: adminGets([409, 'NOTHING_TO_REVIEW']),
  },
  { method: 'get', path: '/api/admin/review-rounds', url: () => '/api/admin/review-rounds', expect: adminOnly() },
  { method: 'get', path: '/api/admin/review-rounds/{id}', url: (w) => `/api/admin/review-rounds/${w.roundR}`, expect: adminOnly() },
  { method: 'post', path: '/api/admin/review-rounds/{id}/remind', url: (w) => `/api/admin/review-rounds/${w.roundR}/remind`, expect: adminOnly() },
  {
    method: 'post',
    path: '/api/admin/review-items/{id}/follow-up',
    variant: 'R is doubtful',
    url: (w) => `/api/admin/review-items/${w.itemR}/follow-up`,
    body: () => ({ kind: 'site_visit', day: '2026-11-25', place: '开放单位X实验室', participants: ['矩阵专家0'] }),
    expect: adminOnly(),
  },
  {
    method: 'post',
    path: '/api/admin/review-items/{id}/follow-up/outcome',
    variant: 'none scheduled',
    url: (w) => `/api/admin/review-items/${w.itemR}/follow-up/outcome`,
    body: () => ({ result: 'pass', summary: '属实' }),
    expect: adminGets([409, 'REVIEW_STATE']),
  },
  {
    method: 'post',
    path: '/api/admin/review-items/{id}/decision',
    variant: 'R has one opinion of three',
    url: (w) => `/api/admin/review-items/${w.itemR}/decision`,
    body: () => ({ decision: 'approve' }),
    expect: adminGets([409, 'PANEL_INCOMPLETE']),
  },
  { method: 'get', path: '/api/notices', url: () => '/api/notices', expect: everyone(OK()) },
  { method: 'get', path: '/api/notices/{id}', url: (w) => `/api/notices/${w.noticeP}`, expect: everyone(OK()) },
  {
    method: 'post',
    path: '/api/notices/{id}/items/{itemId}/objections',
    url: (w) => `/api/notices/${w.noticeP}/items/${w.noticeItemP}/objections`,
    body: () => ({ reason: '矩阵·异议理由' }),
    expect: signedInOK(201),
  },
  {
    method: 'post',
    path: '/api/admin/notices',
    variant: 'nothing approved is left',
    url: () => '/api/admin/notices',
    body: () => ({ title: '矩阵·公示2', startDay: '2026-11-23' }),
    expect: adminGets([409, 'NOTHING_TO_NOTICE']),
  },
  { method: 'get', path: '/api/admin/objections', url: () => '/api/admin/objections', expect: adminOnly() },
  {
    method: 'post',
    path: '/api/admin/objections/{id}/resolve',
    url: (w) => `/api/admin/objections/${w.objectionP}/resolve`,
    body: () => ({ outcome: 'dismissed', reason: '不成立' }),
    expect: adminOnly(),
  },
  { method: 'get', path: '/api/admin/payables', url: () => '/api/admin/payables', expect: adminOnly() },
  { method: 'get', path: '/api/admin/payment-batches', url: () => '/api/admin/payment-batches', expect: adminOnly() },
  {
    method: 'post',
    path: '/api/admin/payment-batches',
    variant: 'nothing payable yet (P is in notice)',
    url: () => '/api/admin/payment-batches',
    body: () => ({ title: '矩阵·批次' }),
    expect: adminGets([409, 'NOTHING_PAYABLE']),
  },
  { method: 'get', path: '/api/admin/payment-batches/{id}', variant: 'an id that does not exist', url: () => `/api/admin/payment-batches/${NO_BATCH}`, expect: adminGets(HIDDEN) },
  {
    method: 'get',
    path: '/api/admin/payment-batches/{id}/export',
    variant: 'an id that does not exist',
    url: () => `/api/admin/payment-batches/${NO_BATCH}/export`,
    expect: adminGets(HIDDEN),
  },
  {
    method: 'post',
    path: '/api/admin/payment-batches/{id}/paid',
    variant: 'an id that does not exist',
    url: () => `/api/admin/payment-batches/${NO_BATCH}/paid`,
    body: () => ({ reference: 'CZ-1' }),
    expect: adminGets(HIDDEN),
  },
];

/**
 * 第六条 unit applications and 第十一、十四条 the yearly evaluation — every actor stated. An application is its
 * applicant's (A) and the administrators'; others get 404, an administrator changing it 403. The round is
 * still declaring, so the administrators' later steps answer EVALUATION_PHASE. Declarations belong to the
 * unit's staff (X) and administrators; experts see only their assignments (E has none here: 404).
 */
const EVALUATION_ROWS: Row[] = [
  {
    method: 'post',
    path: '/api/unit-applications',
    url: () => '/api/unit-applications',
    body: () => applicationBody(9),
    expect: { anonymous: UNAUTH, A: OK(201), B: OK(201), X: [409, 'ALREADY_BOUND'], Y: [409, 'ALREADY_BOUND'], admin: OK(201), E: OK(201) },
  },
  { method: 'get', path: '/api/unit-applications/mine', url: () => '/api/unit-applications/mine', expect: signedInOK() },
  {
    method: 'get',
    path: '/api/unit-applications/{id}',
    url: (w) => `/api/unit-applications/${w.appA}`,
    expect: { anonymous: UNAUTH, A: OK(), B: HIDDEN, X: HIDDEN, Y: HIDDEN, admin: OK(), E: HIDDEN },
  },
  {
    method: 'put',
    path: '/api/unit-applications/{id}',
    url: (w) => `/api/unit-applications/${w.appA}`,
    body: () => applicationBody(8, { district: '朝阳区' }),
    expect: { anonymous: UNAUTH, A: OK(), B: HIDDEN, X: HIDDEN, Y: HIDDEN, admin: FORBIDDEN, E: HIDDEN },
  },
  {
    method: 'post',
    path: '/api/unit-applications/{id}/files',
    url: (w) => `/api/unit-applications/${w.appA}/files`,
    files: [{ field: 'files', data: PDF, filename: 'b.pdf', contentType: 'application/pdf' }],
    expect: { anonymous: UNAUTH, A: OK(201), B: HIDDEN, X: HIDDEN, Y: HIDDEN, admin: FORBIDDEN, E: HIDDEN },
  },
  {
    method: 'get',
    path: '/api/unit-applications/{id}/files/{fileId}',
    url: (w) => `/api/unit-applications/${w.appA}/files/${w.appFileA}`,
    expect: { anonymous: UNAUTH, A: OK(), B: HIDDEN, X: HIDDEN, Y: HIDDEN, admin: OK(), E: HIDDEN },
  },
  { method: 'get', path: '/api/admin/unit-applications', url: () => '/api/admin/unit-applications', expect: adminOnly() },
  {
    method: 'post',
    path: '/api/admin/unit-applications/{id}/request-info',
    url: (w) => `/api/admin/unit-applications/${w.appA}/request-info`,
    body: () => ({ message: '请补充材料' }),
    expect: adminOnly(),
  },
  { method: 'post', path: '/api/admin/unit-applications/{id}/approve', url: (w) => `/api/admin/unit-applications/${w.appA}/approve`, body: () => ({}), expect: adminOnly() },
  {
    method: 'post',
    path: '/api/admin/unit-applications/{id}/refuse',
    url: (w) => `/api/admin/unit-applications/${w.appA}/refuse`,
    body: () => ({ reason: '不符合条件' }),
    expect: adminOnly(),
  },
  {
    method: 'post',
    path: '/api/admin/evaluation-rounds',
    url: () => '/api/admin/evaluation-rounds',
    body: () => ({ year: 2027, declarationDeadline: '2027-03-31', classThresholdYuan: 5_000_000 }),
    expect: adminOnly(201),
  },
  { method: 'get', path: '/api/admin/evaluation-rounds', url: () => '/api/admin/evaluation-rounds', expect: adminOnly() },
  { method: 'get', path: '/api/admin/evaluation-rounds/{id}', url: (w) => `/api/admin/evaluation-rounds/${w.roundE}`, expect: adminOnly() },
  {
    method: 'post',
    path: '/api/admin/evaluation-rounds/{id}/assign',
    variant: 'before the deadline',
    url: (w) => `/api/admin/evaluation-rounds/${w.roundE}/assign`,
    body: () => ({}),
    expect: adminGets([409, 'EVALUATION_PHASE']),
  },
  {
    method: 'post',
    path: '/api/admin/evaluation-rounds/{id}/site-checks',
    variant: 'before scoring',
    url: (w) => `/api/admin/evaluation-rounds/${w.roundE}/site-checks`,
    body: () => ({ percent: 50, seed: 1 }),
    expect: adminGets([409, 'EVALUATION_PHASE']),
  },
  { method: 'get', path: '/api/admin/evaluation-declarations/{id}', url: (w) => `/api/admin/evaluation-declarations/${w.declX}`, expect: adminOnly() },
  {
    method: 'post',
    path: '/api/admin/evaluation-declarations/{id}/site-check',
    variant: 'before scoring',
    url: (w) => `/api/admin/evaluation-declarations/${w.declX}/site-check`,
    body: () => ({ result: 'confirmed', summary: '属实' }),
    expect: adminGets([409, 'EVALUATION_PHASE']),
  },
  {
    method: 'post',
    path: '/api/admin/evaluation-declarations/{id}/grade',
    variant: 'before scoring',
    url: (w) => `/api/admin/evaluation-declarations/${w.declX}/grade`,
    body: () => ({ grade: 'good', reason: '现场考察' }),
    expect: adminGets([409, 'EVALUATION_PHASE']),
  },
  {
    method: 'post',
    path: '/api/admin/evaluation-declarations/{id}/agency',
    variant: 'while declaring',
    url: (w) => `/api/admin/evaluation-declarations/${w.declX}/agency`,
    body: () => ({ thirdPartyAgency: true, reason: '第三方检测机构' }),
    expect: adminGets([409, 'EVALUATION_PHASE']),
  },
  {
    method: 'post',
    path: '/api/admin/evaluation-rounds/{id}/plan',
    variant: 'before scoring',
    url: (w) => `/api/admin/evaluation-rounds/${w.roundE}/plan`,
    expect: adminGets([409, 'EVALUATION_PHASE']),
  },
  { method: 'get', path: '/api/admin/evaluation-rounds/{id}/plan', url: (w) => `/api/admin/evaluation-rounds/${w.roundE}/plan`, expect: adminOnly() },
  {
    method: 'put',
    path: '/api/admin/evaluation-rounds/{id}/plan/lines/{declarationId}',
    variant: 'no plan yet',
    url: (w) => `/api/admin/evaluation-rounds/${w.roundE}/plan/lines/${w.declX}`,
    body: () => ({ subsidyYuan: 1, reason: '核减' }),
    expect: adminGets([409, 'EVALUATION_PHASE']),
  },
  {
    method: 'post',
    path: '/api/admin/evaluation-rounds/{id}/plan/notice',
    variant: 'no plan yet',
    url: (w) => `/api/admin/evaluation-rounds/${w.roundE}/plan/notice`,
    body: () => ({ startDay: '2026-11-23' }),
    expect: adminGets([409, 'EVALUATION_PHASE']),
  },
  {
    method: 'post',
    path: '/api/admin/evaluation-rounds/{id}/plan/paid',
    variant: 'no notice yet',
    url: (w) => `/api/admin/evaluation-rounds/${w.roundE}/plan/paid`,
    body: () => ({ reference: 'CZ-1' }),
    expect: adminGets([409, 'EVALUATION_PHASE']),
  },
  { method: 'get', path: '/api/admin/evaluation-rounds/{id}/plan/export', url: (w) => `/api/admin/evaluation-rounds/${w.roundE}/plan/export`, expect: adminOnly() },
  { method: 'get', path: '/api/open-units/{id}/evaluations', url: (w) => `/api/open-units/${w.unitX}/evaluations`, expect: { ...ownUnit(), E: FORBIDDEN } },
  {
    method: 'get',
    path: '/api/open-units/{id}/evaluations/{roundId}/declaration',
    url: (w) => `/api/open-units/${w.unitX}/evaluations/${w.roundE}/declaration`,
    expect: { ...ownUnit(), E: FORBIDDEN },
  },
  {
    method: 'put',
    path: '/api/open-units/{id}/evaluations/{roundId}/declaration',
    url: (w) => `/api/open-units/${w.unitX}/evaluations/${w.roundE}/declaration`,
    body: () => declarationBody(),
    expect: { ...ownUnit(), E: FORBIDDEN },
  },
  {
    method: 'post',
    path: '/api/open-units/{id}/evaluations/{roundId}/files',
    url: (w) => `/api/open-units/${w.unitX}/evaluations/${w.roundE}/files`,
    files: [{ field: 'files', data: PDF, filename: 'e.pdf', contentType: 'application/pdf' }],
    expect: { ...ownUnit(201), E: FORBIDDEN },
  },
  {
    method: 'get',
    path: '/api/open-units/{id}/evaluations/{roundId}/files/{fileId}',
    url: (w) => `/api/open-units/${w.unitX}/evaluations/${w.roundE}/files/${w.declFileX}`,
    expect: { ...ownUnit(), E: FORBIDDEN },
  },
  { method: 'get', path: '/api/expert/evaluation-assignments', url: () => '/api/expert/evaluation-assignments', expect: expertOnly() },
  {
    method: 'get',
    path: '/api/expert/evaluation-assignments/{id}',
    variant: 'not on its panel',
    url: (w) => `/api/expert/evaluation-assignments/${w.declX}`,
    expect: expertOnly(HIDDEN),
  },
  {
    method: 'get',
    path: '/api/expert/evaluation-assignments/{id}/files/{fileId}',
    variant: 'not on its panel',
    url: (w) => `/api/expert/evaluation-assignments/${w.declX}/files/${w.declFileX}`,
    expect: expertOnly(HIDDEN),
  },
  {
    method: 'post',
    path: '/api/expert/evaluation-assignments/{id}/score',
    variant: 'not on its panel',
    url: (w) => `/api/expert/evaluation-assignments/${w.declX}/score`,
    body: () => ({ scores: flat(80), comment: '评分' }),
    expect: expertOnly(HIDDEN),
  },
];

const ROWS: Row[] = [
  // System and public endpoints: the token is irrelevant.
  { method: 'get', path: '/healthz', url: () => '/healthz', expect: everyone(OK()) },
  { method: 'get', path: '/readyz', url: () => '/readyz', expect: everyone(OK()) },
  { method: 'get', path: '/api/openapi.json', url: () => '/api/openapi.json', expect: everyone(OK()) },
  {
    method: 'post',
    path: '/api/eligibility/check',
    url: () => '/api/eligibility/check',
    body: () => enterpriseProfile(),
    expect: everyone(OK()),
  },
  {
    method: 'post',
    path: '/api/auth/wechat',
    url: () => '/api/auth/wechat',
    body: () => ({ code: 'dev:newcomer' }),
    expect: everyone(OK()),
  },
  {
    method: 'post',
    path: '/api/auth/refresh',
    variant: 'own refresh token',
    url: () => '/api/auth/refresh',
    body: (w, a) => ({ refreshToken: (a === 'anonymous' ? w.s.spare : w.s[a]).refreshToken }),
    expect: everyone(OK()),
  },
  {
    method: 'post',
    path: '/api/auth/logout',
    url: () => '/api/auth/logout',
    body: (w, a) => ({ refreshToken: (a === 'anonymous' ? w.s.spare : w.s[a]).refreshToken }),
    expect: everyone(OK(204)),
  },

  { method: 'get', path: '/api/me', url: () => '/api/me', expect: { ...everyone(OK()), anonymous: UNAUTH } },

  // Applicants.
  {
    method: 'post',
    path: '/api/applicants',
    url: () => '/api/applicants',
    body: () => enterpriseProfile({ creditCode: creditCode(99) }),
    expect: {
      anonymous: UNAUTH,
      A: [409, 'ALREADY_REGISTERED'],
      B: [409, 'ALREADY_REGISTERED'],
      X: OK(201),
      Y: OK(201),
      admin: OK(201),
    },
  },
  {
    method: 'get',
    path: '/api/applicants/{id}',
    variant: "A's enterprise (unit X has a contract with A)",
    url: (w) => `/api/applicants/${w.applicantA}`,
    expect: { anonymous: UNAUTH, A: OK(), B: HIDDEN, X: OK(), Y: HIDDEN, admin: OK() },
  },
  {
    method: 'get',
    path: '/api/applicants/{id}',
    variant: "B's team (no contract)",
    url: (w) => `/api/applicants/${w.teamB}`,
    expect: { anonymous: UNAUTH, A: HIDDEN, B: OK(), X: HIDDEN, Y: HIDDEN, admin: OK() },
  },
  {
    method: 'get',
    path: '/api/applicants/{id}',
    variant: 'an id that does not exist',
    url: () => '/api/applicants/ap_doesnotexist000000000',
    expect: { anonymous: UNAUTH, A: HIDDEN, B: HIDDEN, X: HIDDEN, Y: HIDDEN, admin: HIDDEN },
  },
  {
    method: 'put',
    path: '/api/applicants/{id}',
    variant: "A's enterprise",
    url: (w) => `/api/applicants/${w.applicantA}`,
    body: () => enterpriseProfile({ employees: 41 }),
    expect: { anonymous: UNAUTH, A: OK(), B: HIDDEN, X: FORBIDDEN, Y: HIDDEN, admin: FORBIDDEN },
  },
  {
    method: 'put',
    path: '/api/applicants/{id}',
    variant: "B's team, with an invalid body (authorization comes before validation)",
    url: (w) => `/api/applicants/${w.teamB}`,
    body: () => ({ kind: 'team' }),
    expect: { anonymous: UNAUTH, A: HIDDEN, B: [400, 'VALIDATION_FAILED'], X: HIDDEN, Y: HIDDEN, admin: FORBIDDEN },
  },
  {
    method: 'post',
    path: '/api/applicants/{id}/members',
    url: (w) => `/api/applicants/${w.teamB}/members`,
    body: () => student('新成员'),
    expect: { anonymous: UNAUTH, A: HIDDEN, B: OK(201), X: HIDDEN, Y: HIDDEN, admin: FORBIDDEN },
  },
  {
    method: 'delete',
    path: '/api/applicants/{id}/members/{memberId}',
    url: (w) => `/api/applicants/${w.teamB}/members/${w.memberB}`,
    expect: { anonymous: UNAUTH, A: HIDDEN, B: OK(), X: HIDDEN, Y: HIDDEN, admin: FORBIDDEN },
  },
  {
    method: 'get',
    path: '/api/applicants/{id}/changes',
    url: (w) => `/api/applicants/${w.applicantA}/changes`,
    expect: { anonymous: UNAUTH, A: OK(), B: HIDDEN, X: OK(), Y: HIDDEN, admin: OK() },
  },

  // Administration.
  { method: 'get', path: '/api/admin/users', url: () => '/api/admin/users', expect: adminOnly() },
  {
    method: 'post',
    path: '/api/admin/users/{id}/roles',
    url: (w) => `/api/admin/users/${w.s.carol.userId}/roles`,
    body: () => ({ role: 'admin' }),
    expect: adminOnly(),
  },
  {
    method: 'delete',
    path: '/api/admin/users/{id}/roles/{role}',
    url: (w) => `/api/admin/users/${w.s.xeno.userId}/roles/staff`,
    expect: adminOnly(),
  },
  {
    method: 'post',
    path: '/api/admin/applicants/{id}/transfer',
    url: (w) => `/api/admin/applicants/${w.applicantA}/transfer`,
    body: (w) => ({ toUserId: w.s.carol.userId }),
    expect: adminOnly(),
  },
  {
    method: 'post',
    path: '/api/admin/open-units',
    url: () => '/api/admin/open-units',
    body: () => ({ name: '新开放单位' }),
    expect: adminOnly(201),
  },
  { method: 'get', path: '/api/admin/stats', url: () => '/api/admin/stats', expect: adminOnly() },

  // Open units: staff binding.
  {
    method: 'post',
    path: '/api/open-units/{id}/invites',
    url: (w) => `/api/open-units/${w.unitX}/invites`,
    body: () => ({}),
    expect: { anonymous: UNAUTH, A: FORBIDDEN, B: FORBIDDEN, X: OK(201), Y: FORBIDDEN, admin: OK(201) },
  },
  {
    method: 'post',
    path: '/api/invites/redeem',
    variant: 'a fresh invite of unit Y',
    url: () => '/api/invites/redeem',
    body: (w) => ({ code: w.inviteY }),
    expect: {
      anonymous: UNAUTH,
      A: OK(),
      B: OK(),
      X: [409, 'ALREADY_BOUND'],
      Y: [409, 'ALREADY_BOUND'],
      admin: OK(),
      E: OK(),
    },
  },
  {
    method: 'get',
    path: '/api/open-units/{id}/staff',
    url: (w) => `/api/open-units/${w.unitX}/staff`,
    expect: { anonymous: UNAUTH, A: FORBIDDEN, B: FORBIDDEN, X: OK(), Y: FORBIDDEN, admin: OK() },
  },
  {
    method: 'delete',
    path: '/api/open-units/{id}/staff/{userId}',
    url: (w) => `/api/open-units/${w.unitX}/staff/${w.s.xeno.userId}`,
    expect: { anonymous: UNAUTH, A: FORBIDDEN, B: FORBIDDEN, X: OK(204), Y: FORBIDDEN, admin: OK(204) },
  },

  // Periods and the flash claim (第十二条, 第十五条1).
  { method: 'get', path: '/api/periods', url: () => '/api/periods', expect: everyone(OK()) },
  { method: 'get', path: '/api/periods/{id}', url: (w) => `/api/periods/${w.openPeriod}`, expect: everyone(OK()) },
  {
    method: 'post',
    path: '/api/admin/periods',
    url: () => '/api/admin/periods',
    body: () => ({ name: '新一期', opensAt: '2026-12-01T02:00:00Z', closesAt: '2026-12-08T02:00:00Z', quotaFen: 100_000_000 }),
    expect: adminOnly(201),
  },
  {
    method: 'put',
    path: '/api/admin/periods/{id}',
    variant: 'a period that has not opened',
    url: (w) => `/api/admin/periods/${w.upcomingPeriod}`,
    body: () => ({ name: '改名的一期', opensAt: '2026-12-01T02:00:00Z', closesAt: '2026-12-08T02:00:00Z', quotaFen: 50_000_000 }),
    expect: adminOnly(),
  },
  {
    method: 'post',
    path: '/api/admin/periods/{id}/close',
    url: (w) => `/api/admin/periods/${w.openPeriod}/close`,
    expect: adminOnly(),
  },
  {
    method: 'post',
    path: '/api/periods/{id}/claims',
    variant: 'A already holds a voucher of this period',
    url: (w) => `/api/periods/${w.openPeriod}/claims`,
    headers: (_w, a) => ({ 'Idempotency-Key': `matrix-claim-${a}` }),
    body: () => ({ amountFen: 100_000 }),
    expect: {
      anonymous: UNAUTH,
      A: [409, 'ALREADY_CLAIMED'],
      B: OK(201),
      X: FORBIDDEN,
      Y: FORBIDDEN,
      admin: FORBIDDEN,
    },
  },
  {
    method: 'get',
    path: '/api/vouchers',
    url: () => '/api/vouchers',
    expect: { anonymous: UNAUTH, A: OK(), B: OK(), X: FORBIDDEN, Y: FORBIDDEN, admin: FORBIDDEN },
  },
  {
    method: 'post',
    path: '/api/vouchers/{id}/cancel',
    variant: "A's voucher (第十六条: it belongs to A)",
    url: (w) => `/api/vouchers/${w.voucherA}/cancel`,
    body: () => ({}),
    expect: { anonymous: UNAUTH, A: OK(), B: HIDDEN, X: FORBIDDEN, Y: FORBIDDEN, admin: FORBIDDEN },
  },
  // The open-lab catalogue: public browse, search and detail (第五条).
  {
    method: 'get',
    path: '/api/catalogue/services',
    url: () => `/api/catalogue/services?q=${encodeURIComponent('衍射')}&eligibleOnly=true&sort=price_asc`,
    expect: everyone(OK()),
  },
  { method: 'get', path: '/api/catalogue/services/{id}', url: (w) => `/api/catalogue/services/${w.serviceX}`, expect: everyone(OK()) },
  { method: 'get', path: '/api/catalogue/labs/{id}', url: (w) => `/api/catalogue/labs/${w.labX}`, expect: everyone(OK()) },
  { method: 'get', path: '/api/catalogue/open-units/{id}', url: (w) => `/api/catalogue/open-units/${w.unitX}`, expect: everyone(OK()) },
  {
    method: 'get',
    path: '/api/catalogue/open-units/{id}',
    variant: 'a suspended unit is out of the catalogue',
    url: (w) => `/api/catalogue/open-units/${w.unitS}`,
    expect: everyone(HIDDEN),
  },

  // Administrators: open units (第六条, 第八条, 第十八条).
  { method: 'get', path: '/api/admin/open-units', url: () => '/api/admin/open-units', expect: adminOnly() },
  {
    method: 'put',
    path: '/api/admin/open-units/{id}',
    url: (w) => `/api/admin/open-units/${w.unitX}`,
    body: () => ({ name: '开放单位X（更名）', kind: 'institute', district: '海淀区', region: 'beijing' }),
    expect: adminOnly(),
  },
  {
    method: 'post',
    path: '/api/admin/open-units/{id}/suspend',
    url: (w) => `/api/admin/open-units/${w.unitX}/suspend`,
    body: () => ({ reason: '违规' }),
    expect: adminOnly(),
  },
  { method: 'post', path: '/api/admin/open-units/{id}/reinstate', url: (w) => `/api/admin/open-units/${w.unitS}/reinstate`, expect: adminOnly() },
  {
    method: 'post',
    path: '/api/admin/open-units/{id}/leave-notice',
    url: (w) => `/api/admin/open-units/${w.unitX}/leave-notice`,
    body: () => ({ leaveOn: '2027-01-31', reason: '实验室搬迁' }),
    expect: adminOnly(),
  },
  { method: 'post', path: '/api/admin/open-units/{id}/retire', url: (w) => `/api/admin/open-units/${w.unitZ}/retire`, expect: adminOnly() },

  // Staff keep their own unit's labs and services current; nobody else's.
  { method: 'get', path: '/api/open-units/{id}/labs', url: (w) => `/api/open-units/${w.unitX}/labs`, expect: ownUnit() },
  { method: 'post', path: '/api/open-units/{id}/labs', url: (w) => `/api/open-units/${w.unitX}/labs`, body: () => labBody, expect: ownUnit(201) },
  {
    method: 'put',
    path: '/api/open-units/{id}/labs/{labId}',
    url: (w) => `/api/open-units/${w.unitX}/labs/${w.labX}`,
    body: () => labBody,
    expect: ownUnit(),
  },
  {
    method: 'put',
    path: '/api/open-units/{id}/labs/{labId}',
    variant: "unit Y's path, unit X's lab",
    url: (w) => `/api/open-units/${w.unitY}/labs/${w.labX}`,
    body: () => labBody,
    expect: { anonymous: UNAUTH, A: FORBIDDEN, B: FORBIDDEN, X: FORBIDDEN, Y: HIDDEN, admin: HIDDEN, E: FORBIDDEN },
  },
  {
    method: 'delete',
    path: '/api/open-units/{id}/labs/{labId}',
    variant: 'an empty lab',
    url: (w) => `/api/open-units/${w.unitX}/labs/${w.emptyLabX}`,
    expect: ownUnit(204),
  },
  {
    method: 'delete',
    path: '/api/open-units/{id}/labs/{labId}',
    variant: "unit Y's path, unit X's empty lab",
    url: (w) => `/api/open-units/${w.unitY}/labs/${w.emptyLabX}`,
    expect: { anonymous: UNAUTH, A: FORBIDDEN, B: FORBIDDEN, X: FORBIDDEN, Y: HIDDEN, admin: HIDDEN, E: FORBIDDEN },
  },
  { method: 'get', path: '/api/open-units/{id}/services', url: (w) => `/api/open-units/${w.unitX}/services`, expect: ownUnit() },
  {
    method: 'post',
    path: '/api/open-units/{id}/services',
    url: (w) => `/api/open-units/${w.unitX}/services`,
    body: (w) => serviceBody(w.labX),
    expect: ownUnit(201),
  },
  {
    method: 'put',
    path: '/api/open-units/{id}/services/{serviceId}',
    url: (w) => `/api/open-units/${w.unitX}/services/${w.serviceX}`,
    body: (w) => serviceBody(w.labX),
    expect: ownUnit(),
  },
  {
    method: 'put',
    path: '/api/open-units/{id}/services/{serviceId}',
    variant: "unit Y's path, unit X's service",
    url: (w) => `/api/open-units/${w.unitY}/services/${w.serviceX}`,
    body: (w) => serviceBody(w.labY),
    expect: { anonymous: UNAUTH, A: FORBIDDEN, B: FORBIDDEN, X: FORBIDDEN, Y: HIDDEN, admin: HIDDEN, E: FORBIDDEN },
  },
  {
    method: 'delete',
    path: '/api/open-units/{id}/services/{serviceId}',
    url: (w) => `/api/open-units/${w.unitX}/services/${w.serviceX}`,
    expect: ownUnit(204),
  },
  {
    method: 'delete',
    path: '/api/open-units/{id}/services/{serviceId}',
    variant: "unit Y's path, unit X's service",
    url: (w) => `/api/open-units/${w.unitY}/services/${w.serviceX}`,
    expect: { anonymous: UNAUTH, A: FORBIDDEN, B: FORBIDDEN, X: FORBIDDEN, Y: HIDDEN, admin: HIDDEN, E: FORBIDDEN },
  },

  // Contracts (第九条, 第十二条, 第十五条2, 第十六条): parties only; the unit's staff act on them.
  { method: 'get', path: '/api/contracts', url: () => '/api/contracts', expect: { ...signedInOK(), E: FORBIDDEN } },
  {
    method: 'post',
    path: '/api/contracts',
    variant: "A's free voucher (B: not B's voucher)",
    url: () => '/api/contracts',
    body: (w) => ({ voucherId: w.voucherA3, serviceId: w.serviceX, project: matrixProject, municipalFundingReceived: false }),
    expect: { anonymous: UNAUTH, A: OK(201), B: HIDDEN, X: FORBIDDEN, Y: FORBIDDEN, admin: FORBIDDEN },
  },
  { method: 'get', path: '/api/contracts/{id}', url: (w) => `/api/contracts/${w.contractA}`, expect: contractParties() },
  {
    method: 'post',
    path: '/api/contracts/{id}/confirm',
    url: (w) => `/api/contracts/${w.contractA}/confirm`,
    body: () => matrixTerms,
    expect: contractStaff(),
  },
  {
    method: 'post',
    path: '/api/contracts/{id}/reject',
    url: (w) => `/api/contracts/${w.contractA}/reject`,
    body: () => ({ reason: '无法排期' }),
    expect: contractStaff(),
  },
  {
    method: 'post',
    path: '/api/contracts/{id}/amend',
    url: (w) => `/api/contracts/${w.contractQ}/amend`,
    body: () => ({ endDay: '2027-02-10', reason: '延期' }),
    expect: contractStaff(),
  },
  {
    method: 'post',
    path: '/api/contracts/{id}/cancel',
    variant: 'a registered contract',
    url: (w) => `/api/contracts/${w.contractQ}/cancel`,
    body: () => ({}),
    expect: contractParties(),
  },
  {
    method: 'post',
    path: '/api/contracts/{id}/evidence',
    url: (w) => `/api/contracts/${w.contractQ}/evidence`,
    files: [{ field: 'files', data: PDF, filename: '报告.pdf', contentType: 'application/pdf' }],
    expect: contractStaff(201),
  },
  { method: 'get', path: '/api/contracts/{id}/evidence', url: (w) => `/api/contracts/${w.contractR}/evidence`, expect: contractParties() },
  {
    method: 'get',
    path: '/api/contracts/{id}/evidence/{evidenceId}',
    url: (w) => `/api/contracts/${w.contractR}/evidence/${w.evR}`,
    expect: contractParties(),
  },
  {
    method: 'get',
    path: '/api/contracts/{id}/evidence/{evidenceId}',
    variant: "contract R's path, contract Q's file",
    url: (w) => `/api/contracts/${w.contractR}/evidence/${w.evQ}`,
    expect: { anonymous: UNAUTH, A: HIDDEN, B: HIDDEN, X: HIDDEN, Y: HIDDEN, admin: HIDDEN },
  },

  // Redemption (第十五条3—5).
  {
    method: 'post',
    path: '/api/contracts/{id}/redemption',
    url: (w) => `/api/contracts/${w.contractQ}/redemption`,
    body: (w) => ({ actualAmountFen: 200_000, report: '完成', evidenceIds: [w.evQ] }),
    expect: contractStaff(201),
  },
  { method: 'get', path: '/api/contracts/{id}/redemption', url: (w) => `/api/contracts/${w.contractR}/redemption`, expect: contractParties() },
  { method: 'get', path: '/api/admin/redemptions', url: () => '/api/admin/redemptions', expect: adminOnly() },
  { method: 'get', path: '/api/admin/vouchers/{id}/audit', url: (w) => `/api/admin/vouchers/${w.voucherA2}/audit`, expect: adminOnly() },

  // The message centre: one's own messages only.
  { method: 'get', path: '/api/messages', url: () => '/api/messages', expect: signedInOK() },
  { method: 'get', path: '/api/messages/unread-count', url: () => '/api/messages/unread-count', expect: signedInOK() },
  {
    method: 'post',
    path: '/api/messages/{id}/read',
    variant: "one of A's messages",
    url: (w) => `/api/messages/${w.messageA}/read`,
    expect: { anonymous: UNAUTH, A: OK(), B: HIDDEN, X: HIDDEN, Y: HIDDEN, admin: HIDDEN },
  },
  { method: 'post', path: '/api/messages/read-all', url: () => '/api/messages/read-all', expect: signedInOK() },
  // Subscribe-message consent (issue #19): every signed-in user records their own answers to WeChat.
  { method: 'get', path: '/api/me/subscriptions', url: () => '/api/me/subscriptions', expect: signedInOK() },
  {
    method: 'post',
    path: '/api/me/subscriptions',
    url: () => '/api/me/subscriptions',
    body: () => ({ results: { 'dev-registration_reminder': 'accept' } }),
    expect: signedInOK(),
  },

  // Supervision (第十六、十七、十八条): administrators; a party sees its own cases and appeals once.
  {
    method: 'post',
    path: '/api/admin/supervision/cases',
    url: () => '/api/admin/supervision/cases',
    body: (w) => ({ party: { kind: 'open_unit', unitId: w.unitY }, misconduct: [{ kind: 'refusing_supervision' }], summary: '矩阵·立案' }),
    expect: adminOnly(201),
  },
  { method: 'get', path: '/api/admin/supervision/cases', url: () => '/api/admin/supervision/cases', expect: adminOnly() },
  { method: 'get', path: '/api/admin/supervision/cases/{id}', url: (w) => `/api/admin/supervision/cases/${w.caseY}`, expect: adminOnly() },
  { method: 'get', path: '/api/admin/supervision/parties', url: () => '/api/admin/supervision/parties?q=%E5%BC%80%E6%94%BE', expect: adminOnly() },
  {
    method: 'get',
    path: '/api/admin/supervision/party-items',
    url: (w) => `/api/admin/supervision/party-items?kind=applicant&id=${w.applicantA}`,
    expect: adminOnly(),
  },
  {
    method: 'post',
    path: '/api/admin/supervision/cases/{id}/files',
    url: (w) => `/api/admin/supervision/cases/${w.caseY}/files`,
    files: [{ field: 'files', data: PDF, filename: 'c.pdf', contentType: 'application/pdf' }],
    expect: adminOnly(201),
  },
  {
    method: 'get',
    path: '/api/admin/supervision/cases/{id}/files/{fileId}',
    url: (w) => `/api/admin/supervision/cases/${w.caseY}/files/${w.caseFileY}`,
    expect: adminOnly(),
  },
  {
    method: 'post',
    path: '/api/admin/supervision/cases/{id}/decision',
    url: (w) => `/api/admin/supervision/cases/${w.caseY}/decision`,
    body: () => ({ reason: '矩阵·决定', measures: [{ kind: 'recover_funds', amountFen: 1_000 }] }),
    expect: adminOnly(),
  },
  {
    method: 'post',
    path: '/api/admin/supervision/cases/{id}/measures',
    url: (w) => `/api/admin/supervision/cases/${w.caseB}/measures`,
    body: () => ({ action: 'record_recovery', recoveredOn: '2026-11-21' }),
    expect: adminOnly(),
  },
  // An expert is no party (no applicant, no unit): 403.
  { method: 'get', path: '/api/supervision/cases', url: () => '/api/supervision/cases', expect: { ...signedInOK(), E: FORBIDDEN } },
  {
    method: 'post',
    path: '/api/supervision/cases/{id}/appeal',
    variant: 'the decided case against B',
    url: (w) => `/api/supervision/cases/${w.caseB}/appeal`,
    body: () => ({ reason: '矩阵·申诉' }),
    expect: { anonymous: UNAUTH, A: HIDDEN, B: OK(), X: HIDDEN, Y: HIDDEN, admin: HIDDEN, E: FORBIDDEN },
  },
  {
    method: 'post',
    path: '/api/admin/spot-checks',
    url: () => '/api/admin/spot-checks',
    body: () => ({ title: '矩阵·抽查2', population: 'open_units', percent: 50 }),
    expect: adminOnly(201),
  },
  { method: 'get', path: '/api/admin/spot-checks', url: () => '/api/admin/spot-checks', expect: adminOnly() },
  { method: 'get', path: '/api/admin/spot-checks/{id}', url: (w) => `/api/admin/spot-checks/${w.spotCheck}`, expect: adminOnly() },
  {
    method: 'post',
    path: '/api/admin/spot-checks/{id}/files',
    url: (w) => `/api/admin/spot-checks/${w.spotCheck}/files`,
    files: [{ field: 'files', data: PDF, filename: 's.pdf', contentType: 'application/pdf' }],
    expect: adminOnly(201),
  },
  {
    method: 'post',
    path: '/api/admin/spot-checks/{id}/items/{itemId}/check',
    url: (w) => `/api/admin/spot-checks/${w.spotCheck}/items/${w.spotItem}/check`,
    body: () => ({ outcome: 'compliant', notes: '矩阵' }),
    expect: adminOnly(),
  },
  {
    method: 'get',
    path: '/api/admin/spot-checks/{id}/items/{itemId}/files/{fileId}',
    url: (w) => `/api/admin/spot-checks/${w.spotCheck}/items/${w.spotItem}/files/${w.spotFile}`,
    expect: adminOnly(),
  },
  {
    method: 'post',
    path: '/api/admin/spot-checks/{id}/items/{itemId}/case',
    url: (w) => `/api/admin/spot-checks/${w.spotCheck}/items/${w.spotItem}/case`,
    body: (w) => ({ party: { kind: 'open_unit', unitId: w.unitY }, misconduct: [{ kind: 'refusing_supervision' }], summary: '矩阵·抽查立案' }),
    expect: adminOnly(201),
  },

  // The public transparency page (第十八条): no sign-in.
  { method: 'get', path: '/api/public/transparency', url: () => '/api/public/transparency', expect: everyone(OK()) },
  ...REVIEW_ROWS,
  ...EVALUATION_ROWS,
];

const cells = ROWS.flatMap((row) =>
  ACTORS.map((actor) => ({
    name: `${row.method.toUpperCase()} ${row.path}${row.variant ? ` [${row.variant}]` : ''} as ${actor} → ${outcome(row, actor).join(' ')}`,
    row,
    actor,
  })),
);

describe.each(storeAdapters())('authorization matrix on $name', (adapter) => {
  let store: Store;
  let w: World;
  beforeEach(async () => {
    store = await adapter.open();
    w = await buildWorld(store);
  });
  afterEach(() => adapter.cleanup(store));

  test.each(cells)('$name', async ({ row, actor }) => {
    let req = request(w.t.http)[row.method](row.url(w));
    if (actor !== 'anonymous') req = req.set('Authorization', `Bearer ${w.s[actor].accessToken}`);
    for (const [name, value] of Object.entries(row.headers?.(w, actor) ?? {})) req = req.set(name, value);
    for (const f of row.files ?? []) req = req.attach(f.field, f.data, { filename: f.filename, contentType: f.contentType });
    const res = row.body ? await req.send(row.body(w, actor)) : await req;
    const [status, code] = outcome(row, actor);
    expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
  });
});

describe('the matrix covers the API', () => {
  let doc: { paths: Record<string, Record<string, Record<string, any>>> };
  beforeAll(async () => {
    doc = (await request(identityApp().http).get('/api/openapi.json')).body;
  });

  const documented = () =>
    Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method} ${path}`));

  test('every operation in the OpenAPI document has at least one row, and every row is a documented operation', () => {
    const inMatrix = new Set(ROWS.map((r) => `${r.method} ${r.path}`));
    expect(documented().filter((op) => !inMatrix.has(op))).toEqual([]);
    expect([...inMatrix].filter((op) => !documented().includes(op))).toEqual([]);
    expect(documented().length).toBeGreaterThanOrEqual(23);
  });

  test('every row states an outcome for each of the six original actors; the review, notice and payment rows for the expert too', () => {
    for (const row of ROWS) expect(Object.keys(row.expect).filter((k) => k !== 'E').sort()).toEqual(ACTORS.filter((a) => a !== 'E').sort());
    for (const row of REVIEW_ROWS) expect({ row: `${row.method} ${row.path}`, E: row.expect.E !== undefined }).toEqual({ row: `${row.method} ${row.path}`, E: true });
  });

  test('every operation states its auth requirement: x-auth always; bearer security exactly when a token is needed', () => {
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const label = `${method} ${path}`;
        expect({ label, policy: typeof op['x-auth']?.policy, description: typeof op['x-auth']?.description }).toEqual({
          label,
          policy: 'string',
          description: 'string',
        });
        const row = ROWS.find((r) => `${r.method} ${r.path}` === label)!;
        const anonymousRefused = row.expect.anonymous[0] === 401;
        expect({ label, security: op.security ?? null }).toEqual({
          label,
          security: op['x-auth'].policy === 'public' ? null : [{ bearer: [] }],
        });
        // The document and the matrix agree: public operations admit anonymous callers, others refuse them.
        expect({ label, public: op['x-auth'].policy === 'public' }).toEqual({ label, public: !anonymousRefused });
        if (!anonymousRefused) continue;
        expect({ label, documents401: '401' in op.responses }).toEqual({ label, documents401: true });
      }
    }
  });
});
