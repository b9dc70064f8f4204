/**
 * Every page of the weapp build mounts in (a Node model of) WeChat's logic layer against a real BFF
 * (issue #19): the built app.js and each page's script run with only the globals WeChat provides
 * (support/weapp-runtime.ts), the app is launched, and each page listed in app.json — sub-packages
 * included — is opened with the query it needs, through onLoad, onShow and onReady. Each must render its
 * first screen's key text into the data tree Taro sends through setData, throw nothing (no DOM, no
 * window, no browser-only API: those do not exist here, as in WeChat), and call only wx.* APIs on WeChat's
 * list for the base library in project.config.json.
 *
 * Pages are read from app.json, not from a list here: a page added later mounts too. A page this file
 * has no entry for is opened signed in as an administrator without a query and must still render some
 * Chinese text without an error; it is named in the test log so that someone adds its entry.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { shanghaiDay } from '@kcq/shared';
import { startBff, type BffProcess } from '../bff/test/support/process';
import { creditCode, enterpriseProfile, signIn } from './support/api';
import { compareVersions, createWeappRuntime, readableStrings, textsOf, type WeappRuntime } from './support/weapp-runtime';
import { assertWeappBuilt, WEAPP_DIR } from './support/weapp-wechat';

interface AppJson {
  pages: string[];
  subPackages?: { root: string; pages: string[] }[];
}

const APP_JSON = path.join(WEAPP_DIR, 'app.json');
// Without a build there is nothing to list; beforeAll then says how to build it.
const app: AppJson = existsSync(APP_JSON) ? (JSON.parse(readFileSync(APP_JSON, 'utf8')) as AppJson) : { pages: [] };
const PAGES = [...app.pages, ...(app.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/+$/, '')}/${p}`))];
const LIB_VERSION = (JSON.parse(readFileSync(path.resolve(__dirname, '../project.config.json'), 'utf8')) as { libVersion: string }).libVersion;
/** What the weapp was built to call (config/index.ts): the phone's server domain, here the test BFF. */
const BUILT_API_BASE = process.env.KCQ_WEAPP_API_BASE || process.env.TARO_APP_API_BASE || 'http://127.0.0.1:3000';

type Who = 'none' | 'admin' | 'founder' | 'staff' | 'expert';

interface Fixtures {
  serviceId: string;
  serviceTitle: string;
  labId: string;
  labName: string;
  unitId: string;
  unitName: string;
  periodId: string;
  periodName: string;
  /** Proposed by the founder, awaiting the staff's confirmation. */
  proposedId: string;
  /** Confirmed (registered). */
  registeredId: string;
  projectTitle: string;
  /** An open unit's application (第六条), submitted by the founder, awaiting review. */
  unitApplicationId: string;
  unitApplicationName: string;
  /** Last year's evaluation round (declaring until today) and the staff's unit's declaration in it. */
  evaluationRoundId: string;
  evaluationRoundTitle: string;
  declarationId: string;
  /** An open misconduct case against a third applicant (not one the other pages sign in as). */
  caseParty: string;
  /** A spot check over the open units. */
  checkTitle: string;
}

interface PageCase {
  as: Who;
  query?: (f: Fixtures) => Record<string, string>;
  /** Key text of the first screen (each must be a text node, or a readable string such as a placeholder). */
  expect: (f: Fixtures) => string[];
}

/** Well-formed ids (prefix + 22 base64url characters, bff/src/domain/ids.ts) that name nothing. */
const UNKNOWN = {
  round: 'rr_AAAAAAAAAAAAAAAAAAAAAA',
  item: 'ri_AAAAAAAAAAAAAAAAAAAAAA',
  notice: 'nt_AAAAAAAAAAAAAAAAAAAAAA',
  case: 'mc_AAAAAAAAAAAAAAAAAAAAAA',
  check: 'sc_AAAAAAAAAAAAAAAAAAAAAA',
  evaluationRound: 'er_AAAAAAAAAAAAAAAAAAAAAA',
  declaration: 'ed_AAAAAAAAAAAAAAAAAAAAAA',
};

/** The query and the key text of each page the app has today. */
const CASES: Record<string, PageCase> = {
  'pages/index/index': { as: 'none', expect: (f) => ['首都科技创新券', f.periodName, '登录'] },
  'pages/labs/index': { as: 'none', expect: () => ['搜索', '只看可用创新券'] },
  'pages/desk/index': { as: 'founder', expect: (f) => ['我的合同', f.periodName, '合同登记截止'] },
  'pages/mine/index': { as: 'founder', expect: () => ['消息中心'] },
  'pages/login/index': { as: 'none', expect: () => ['微信一键登录'] },
  'pages/applicant/index': { as: 'founder', expect: () => ['企业基本信息', '统一社会信用代码'] },
  'catalogue/service/index': { as: 'none', query: (f) => ({ id: f.serviceId }), expect: (f) => [f.serviceTitle, f.unitName] },
  'catalogue/lab/index': { as: 'none', query: (f) => ({ id: f.labId }), expect: (f) => [f.labName] },
  'catalogue/unit/index': { as: 'none', query: (f) => ({ id: f.unitId }), expect: (f) => [f.unitName] },
  'catalogue/cooperate/index': { as: 'founder', query: (f) => ({ id: f.serviceId, unitId: f.unitId, name: encodeURIComponent(f.serviceTitle) }), expect: (f) => [f.serviceTitle] },
  'admin/periods/index': { as: 'admin', expect: (f) => ['发放周期', '新建发放周期', f.periodName] },
  'admin/period/index': { as: 'admin', query: (f) => ({ id: f.periodId }), expect: (f) => [f.periodName] },
  'admin/period-form/index': { as: 'admin', expect: () => ['新建发放周期', '本期总额度'] },
  'admin/dashboard/index': { as: 'admin', expect: () => ['创新券发放总览', '创新券状态分布'] },
  'admin/redemptions/index': { as: 'admin', expect: () => ['兑现审核队列'] },
  // A registered contract that has not applied for redemption yet: the screen says so.
  'admin/redemption/index': { as: 'admin', query: (f) => ({ contract: f.registeredId }), expect: () => ['该合同尚未申请兑现'] },
  'my/contracts/index': { as: 'founder', expect: (f) => [f.projectTitle] },
  'my/contract/index': { as: 'founder', query: (f) => ({ id: f.proposedId }), expect: (f) => [f.projectTitle] },
  'my/messages/index': { as: 'founder', expect: () => ['消息'] },
  'my/join/index': { as: 'founder', expect: () => ['用邀请码加入本单位'] },
  'my/privacy/index': { as: 'none', expect: () => ['《科创券小程序隐私保护指引》', '文件和图片（需要您同意）'] },
  'staff/contracts/index': { as: 'staff', expect: (f) => [f.projectTitle] },
  'staff/confirm/index': { as: 'staff', query: (f) => ({ id: f.proposedId }), expect: (f) => [f.projectTitle] },
  'staff/redeem/index': { as: 'staff', query: (f) => ({ id: f.registeredId }), expect: (f) => [f.projectTitle] },
  'staff/amend/index': { as: 'staff', query: (f) => ({ id: f.registeredId }), expect: (f) => [f.projectTitle] },
  'staff/services/index': { as: 'staff', expect: (f) => [f.serviceTitle] },
  'staff/service/index': { as: 'staff', query: (f) => ({ id: f.serviceId }), expect: (f) => [f.serviceTitle] },
  'staff/team/index': { as: 'admin', expect: (f) => [f.unitName] },
  'review/join/index': { as: 'founder', expect: () => ['用邀请码加入评审专家库'] },
  // Signed in, not an expert: the gate explains who may open it.
  'review/task/index': { as: 'founder', query: () => ({ id: 'task_unknown' }), expect: () => ['仅评审专家可访问'] },
  'review/rounds/index': { as: 'admin', expect: () => ['评审批次', '组织新一批评审'] },
  // A round, an item and a notice need a review run through to exist: opened with well-formed ids the BFF
  // does not know, each page must say so in words (review rounds are covered by review.e2e.test.ts).
  'review/round/index': { as: 'admin', query: () => ({ id: UNKNOWN.round }), expect: () => ['找不到该评审批次'] },
  'review/item/index': { as: 'admin', query: () => ({ round: UNKNOWN.round, id: UNKNOWN.item }), expect: () => ['找不到该评审批次'] },
  'review/notices/index': { as: 'admin', expect: () => ['兑现公示'] },
  'review/batches/index': { as: 'admin', expect: () => ['拨付批次'] },
  'review/experts/index': { as: 'admin', expect: () => ['专家库', '添加专家'] },
  'review/expert/index': { as: 'admin', expect: () => ['专家信息'] },
  'notice/list/index': { as: 'none', expect: () => ['公示'] },
  'notice/detail/index': { as: 'none', query: () => ({ id: UNKNOWN.notice }), expect: () => ['找不到该公示'] },
  // Pages that need an id to show anything (opened without one, supervision/case throws in render): opened
  // with well-formed ids that name nothing, each must say so.
  'supervision/case/index': { as: 'admin', query: () => ({ id: UNKNOWN.case }), expect: () => ['找不到该违规案件'] },
  'supervision/check/index': { as: 'admin', query: () => ({ id: UNKNOWN.check }), expect: () => ['找不到该抽查'] },
  'evaluation/round/index': { as: 'admin', query: () => ({ id: UNKNOWN.evaluationRound }), expect: () => ['找不到该绩效考核'] },
  // Public figures (第十八条): no sign-in.
  'notice/figures/index': { as: 'none', expect: (f) => ['公开数据', '各期额度与领取', f.periodName] },
  // Supervision (第十六、十七、十八条), administrators.
  'supervision/cases/index': { as: 'admin', expect: (f) => ['违规案件', '立案', f.caseParty] },
  'supervision/case-form/index': { as: 'admin', expect: () => ['立案', '当事方类型'] },
  'supervision/checks/index': { as: 'admin', expect: (f) => ['监督抽查', '新建抽查', f.checkTitle] },
  // Open units join by application (第六条): the applicant's form and progress, administrators' review.
  'units/apply/index': { as: 'founder', expect: () => ['申请成为开放单位', '单位信息', '联系人'] },
  'units/mine/index': { as: 'founder', expect: (f) => [f.unitApplicationName] },
  'units/review-list/index': { as: 'admin', expect: (f) => ['开放单位入库申请', f.unitApplicationName] },
  'units/review/index': { as: 'admin', query: (f) => ({ id: f.unitApplicationId }), expect: (f) => [f.unitApplicationName, '审核'] },
  // The yearly evaluation (第十一、十四条): the unit's declaration, experts' scoring, administrators' rounds and plan.
  'evaluation/unit/index': { as: 'staff', expect: (f) => ['绩效考核', f.evaluationRoundTitle] },
  'evaluation/declare/index': { as: 'staff', query: (f) => ({ round: f.evaluationRoundId }), expect: (f) => [f.evaluationRoundTitle, '本单位填报（第十一条）'] },
  // Panels are assigned only after the declaration deadline, which cannot pass in this run: an expert opens a
  // well-formed id that names no assignment, and the page must say so.
  'evaluation/task/index': { as: 'expert', query: () => ({ id: UNKNOWN.declaration }), expect: () => ['找不到该评审任务'] },
  'evaluation/rounds/index': { as: 'admin', expect: (f) => ['开放单位绩效考核', f.evaluationRoundTitle] },
  'evaluation/round-form/index': { as: 'admin', expect: () => ['考核年度与申报期限', '评分权重（合计 100）'] },
  'evaluation/declaration/index': { as: 'admin', query: (f) => ({ id: f.declarationId }), expect: (f) => [f.unitName] },
  'evaluation/plan/index': { as: 'admin', query: (f) => ({ id: f.evaluationRoundId }), expect: () => ['年度支持方案', '申报中', '尚未拟定支持方案'] },
};

/** A page with no entry above: opened as an administrator, without a query. */
const UNKNOWN_PAGE: PageCase = { as: 'admin', expect: () => [] };

let bff: BffProcess;
let dataDir: string;
let fx: Fixtures;
const tokens: Partial<Record<Who, { accessToken: string; refreshToken: string }>> = {};

async function tokensFor(code: string): Promise<{ accessToken: string; refreshToken: string }> {
  const res = await fetch(`${bff.url}/api/auth/wechat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
  expect(res.status).toBe(200);
  return (await res.json()) as { accessToken: string; refreshToken: string };
}

beforeAll(async () => {
  assertWeappBuilt();
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'kcq-weapp-mount-'));
  bff = await startBff({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
  const url = bff.url;

  const periods = (await (await fetch(`${url}/api/periods`)).json()) as { periods: { id: string; name: string; status: string }[] };
  const open = periods.periods.find((p) => p.status === 'open')!;
  const services = (await (await fetch(`${url}/api/catalogue/services?limit=50`)).json()) as {
    items: { id: string; name: string; voucherEligible: boolean; unit: { id: string; name: string; status: string }; lab: { id: string; name: string } }[];
  };
  const service = services.items.find((s) => s.voucherEligible && s.unit.status === 'active')!;

  const adminSession = await signIn(url, 'dev:admin');
  const invite = await adminSession.call<{ code: string }>('POST', `/api/open-units/${service.unit.id}/invites`, {});
  expect(invite.status).toBe(201);
  const staff = await signIn(url, 'dev:mount-staff');
  expect((await staff.call('POST', '/api/invites/redeem', { code: invite.body.code, name: '实验室张老师' })).status).toBe(200);

  const projectTitle = '复合材料成分分析';
  const contracts: string[] = [];
  for (const n of [1, 2]) {
    const founder = await signIn(url, n === 1 ? 'dev:mount-founder' : 'dev:mount-founder-2');
    expect((await founder.call('POST', '/api/applicants', enterpriseProfile(`北京挂载测试${n}号科技有限公司`, creditCode(`MA7MNT0${n}`)))).status).toBe(201);
    const claim = await founder.call<{ id: string; claimedAt: string }>('POST', `/api/periods/${open.id}/claims`, { amountFen: 5_000_000 }, { 'Idempotency-Key': `mount-claim-${n}` });
    expect(claim.status).toBe(201);
    const proposal = await founder.call<{ id: string }>('POST', '/api/contracts', {
      voucherId: claim.body.id,
      serviceId: service.id,
      project: { title: projectTitle, description: '对两种复合材料做成分分析。' },
      municipalFundingReceived: false,
    });
    expect(proposal.status).toBe(201);
    contracts.push(proposal.body.id);
    if (n === 2) {
      const day = shanghaiDay(new Date(claim.body.claimedAt));
      const confirmed = await staff.call('POST', `/api/contracts/${proposal.body.id}/confirm`, {
        contractNo: 'HT-MOUNT-2',
        contractAmountFen: 8_000_000,
        startDay: day,
        endDay: day,
        voucherAmountFen: 4_000_000,
      });
      expect(confirmed.status).toBe(200);
    }
  }

  // Open units join by application (第六条): the founder applies for a unit; an administrator has not reviewed it.
  const unitApplicationName = '北京挂载仪器有限公司';
  const founder1 = await signIn(url, 'dev:mount-founder');
  const conditions = Object.fromEntries(
    ['legal_person', 'open_instruments', 'service_team', 'high_end_industries', 'service_rules', 'finance_credit'].map((k) => [k, { statement: '挂载测试用的条件说明。' }]),
  );
  const unitApp = await founder1.call<{ id: string }>('POST', '/api/unit-applications', {
    name: unitApplicationName,
    creditCode: creditCode('MA7MNTU1'),
    kind: 'enterprise',
    district: '海淀区',
    fields: ['new_materials'],
    lab: { name: '挂载测量实验室', level: 'other' },
    conditions,
    instruments: [{ name: '挂载测量仪', originalValueYuan: 1_200_000, category: 'testing', priceYuan: 300, priceUnit: 'sample' }],
    contact: { name: '挂载联系人', phone: '13900003333' },
  });
  expect(unitApp.status).toBe(201);

  // The yearly evaluation (第十一、十四条): last year's round (the demo seed may have opened this year's),
  // declaring until today, and the staff's unit's declaration in it.
  const today = shanghaiDay(new Date());
  const evaluationYear = Number(today.slice(0, 4)) - 1;
  const evalRound = await adminSession.call<{ id: string; title: string }>('POST', '/api/admin/evaluation-rounds', { year: evaluationYear, declarationDeadline: today, classThresholdYuan: 5_000_000 });
  expect(evalRound.status).toBe(201);
  const declared = await staff.call<{ id: string }>('PUT', `/api/open-units/${service.unit.id}/evaluations/${evalRound.body.id}/declaration`, {
    openedInstrumentValueYuan: 2_000_000,
    instrumentHours: 1000,
    sharedHours: 600,
    opennessRules: '挂载测试用的开放制度。',
    serviceQuality: '挂载测试用的服务质量说明。',
    thirdPartyAgency: false,
  });
  expect(declared.status).toBe(200);

  // An evaluation expert (专家库, bound through an invite): scores on evaluation/task.
  const expertProfile = await adminSession.call<{ id: string }>('POST', '/api/admin/experts', { name: '挂载专家', organisation: '挂载大学', fields: ['new_materials'] });
  expect(expertProfile.status).toBe(201);
  const expertCode = await adminSession.call<{ code: string }>('POST', `/api/admin/experts/${expertProfile.body.id}/invites`, {});
  const expert = await signIn(url, 'dev:mount-expert');
  expect((await expert.call('POST', '/api/expert-invites/redeem', { code: expertCode.body.code })).status).toBe(200);

  // Supervision (第十六、十七、十八条): an open case against a third applicant, and a spot check over the open units.
  const partyName = '北京挂载测试3号科技有限公司';
  const party = await signIn(url, 'dev:mount-party');
  const partyApplicant = await party.call<{ id: string }>('POST', '/api/applicants', enterpriseProfile(partyName, creditCode('MA7MNT03')));
  expect(partyApplicant.status).toBe(201);
  const partyMe = await party.call<{ applicant: { id: string } }>('GET', '/api/me');
  const openCase = await adminSession.call<{ id: string }>('POST', '/api/admin/supervision/cases', {
    party: { kind: 'applicant', applicantId: partyMe.body.applicant.id },
    misconduct: [{ kind: 'false_information' }],
    summary: '挂载测试案件：申报信息与实际不符。',
  });
  expect(openCase.status).toBe(201);
  const checkTitle = '挂载测试抽查';
  const spot = await adminSession.call<{ id: string }>('POST', '/api/admin/spot-checks', { title: checkTitle, population: 'open_units', size: 1, seed: 7 });
  expect(spot.status).toBe(201);

  fx = {
    serviceId: service.id,
    serviceTitle: service.name,
    labId: service.lab.id,
    labName: service.lab.name,
    unitId: service.unit.id,
    unitName: service.unit.name,
    periodId: open.id,
    periodName: open.name,
    proposedId: contracts[0],
    registeredId: contracts[1],
    projectTitle,
    unitApplicationId: unitApp.body.id,
    unitApplicationName,
    evaluationRoundId: evalRound.body.id,
    evaluationRoundTitle: evalRound.body.title,
    declarationId: declared.body.id,
    caseParty: `申领单位「${partyName}」`,
    checkTitle,
  };
  tokens.admin = await tokensFor('dev:admin');
  tokens.founder = await tokensFor('dev:mount-founder');
  tokens.staff = await tokensFor('dev:mount-staff');
  tokens.expert = await tokensFor('dev:mount-expert');
}, 90_000);

afterAll(async () => {
  if (bff) {
    bff.child.kill('SIGTERM');
    await bff.exited;
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** One launched weapp per signed-in user (a fresh runtime: its own storage, modules and page stack). */
const runtimes = new Map<Who, WeappRuntime>();
async function runtimeFor(who: Who): Promise<WeappRuntime> {
  const existing = runtimes.get(who);
  if (existing) return existing;
  const t = tokens[who as Exclude<Who, 'none'>];
  const rt = createWeappRuntime({ dir: WEAPP_DIR, builtApiBase: BUILT_API_BASE, bffUrl: bff.url, storage: t ? { 'kcq.tokens': t } : {} });
  await rt.launch();
  expect(rt.errors).toEqual([]);
  runtimes.set(who, rt);
  return rt;
}
afterAll(() => runtimes.forEach((rt) => rt.stop()));

const mounted: string[] = [];
/** Pages without an entry in CASES that rendered nothing without a query: they need one (add their entry). */
const renderedNothing: string[] = [];
const withoutEntry = PAGES.filter((p) => !CASES[p]);

test('app.json lists pages in the main package and in sub-packages', () => {
  expect(app.pages.length).toBeGreaterThan(0);
  expect((app.subPackages ?? []).length).toBeGreaterThan(0);
  if (withoutEntry.length) process.stdout.write(`weapp pages mounted without a known query or key text (add them to CASES): ${withoutEntry.join(', ')}\n`);
});

describe.each(PAGES)('%s', (route) => {
  test('mounts: renders its first screen, throws nothing, calls only WeChat APIs of the base library', async () => {
    const c = CASES[route] ?? UNKNOWN_PAGE;
    const rt = await runtimeFor(c.as);
    rt.errors.length = 0;
    const firstCall = rt.calls.length;
    const page = await rt.openPage(route, c.query?.(fx) ?? {});

    const texts = textsOf(page.data);
    const readable = readableStrings(page.data);
    expect(rt.errors).toEqual([]);
    const screen = readable.join('\n');
    for (const key of c.expect(fx)) {
      if (!screen.includes(key)) throw new Error(`${route}: "${key}" is not on the first screen, which reads:\n${screen.slice(0, 1500)}\n(wx calls: ${rt.calls.slice(firstCall).map((x) => (x.api === 'request' ? `request ${String((x.args[0] as { url?: string })?.url)}` : x.api)).join(', ')})`);
    }
    // Something a person can read reached the screen (not an empty tree, not only numbers). A page this
    // file does not know may need a query it was not given: it must still mount cleanly, and is named.
    if (CASES[route] || readable.length > 0) {
      expect(readable.length).toBeGreaterThan(0);
      expect(texts.length).toBeGreaterThan(0);
    } else {
      renderedNothing.push(route);
    }
    // Nothing thrown: no errors from the page's scripts, React, timers or promises.
    expect(rt.errors).toEqual([]);
    // Every wx.* call while the page opened exists in WeChat at the project's base library.
    const calledHere = rt.calls.slice(firstCall).filter((x) => !x.api.startsWith('('));
    expect(calledHere.filter((x) => !rt.apiList.has(x.api)).map((x) => x.api)).toEqual([]);
    expect(rt.apisBeyond(LIB_VERSION)).toEqual([]);

    await rt.closePage();
    expect(rt.errors).toEqual([]);
    mounted.push(route);
  });
});

afterAll(() => {
  process.stdout.write(`weapp pages mounted: ${mounted.length} of ${PAGES.length}\n`);
  const apis = new Set([...runtimes.values()].flatMap((rt) => rt.calls.map((c) => c.api).filter((a) => !a.startsWith('('))));
  process.stdout.write(`wx APIs the pages called (all on WeChat's list at base library ${LIB_VERSION}): ${[...apis].sort().join(', ')}\n`);
  if (renderedNothing.length) process.stdout.write(`weapp pages that need a query to show anything (no entry in CASES): ${renderedNothing.join(', ')}\n`);
});

describe('the model of WeChat refuses what WeChat refuses', () => {
  /** A two-file weapp: app.js and one page whose onLoad runs `body`. */
  function tinyWeapp(body: string): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kcq-weapp-tiny-'));
    writeFileSync(path.join(dir, 'app.js'), 'App({ onLaunch() {} });');
    mkdirSync(path.join(dir, 'pages/x'), { recursive: true });
    // It renders (one setData) after `body`, as a Taro page does: openPage waits up to 5 s for a first render.
    writeFileSync(path.join(dir, 'pages/x/index.js'), `Page({ data: { root: { cn: [] } }, onLoad() { ${body}; this.setData({ root: { cn: [] } }); } });`);
    return dir;
  }

  async function open(body: string) {
    const dir = tinyWeapp(body);
    const rt = createWeappRuntime({ dir, builtApiBase: BUILT_API_BASE, bffUrl: bff.url });
    try {
      await rt.launch('pages/x/index');
      const opened = await rt.openPage('pages/x/index').then(
        () => null,
        (e: unknown) => e as Error,
      );
      return { rt, thrown: opened };
    } finally {
      rt.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }

  test('a page that touches the DOM or window throws, as in WeChat', async () => {
    expect((await open('document.title = "x";')).thrown?.message).toMatch(/document is not defined/);
    expect((await open('window.localStorage.setItem("a", "b");')).thrown?.message).toMatch(/window is not defined/);
    expect((await open('fetch("/api/me");')).thrown?.message).toMatch(/fetch is not defined/);
  });

  test('an API WeChat does not have throws; one newer than the base library is reported', async () => {
    expect((await open('wx.getLocalStorage({});')).thrown?.message).toMatch(/not a function/);
    const { rt } = await open('wx.getStorageSync("a");');
    expect(rt.apisBeyond(LIB_VERSION)).toEqual([]);
    // The newest API on WeChat's list, called by a page of an app whose base library is just below it.
    const [newest, needs] = [...rt.apiList].sort(([, a], [, b]) => compareVersions(b, a))[0];
    const [major, minor] = needs.split('.').map(Number);
    const older = minor > 0 ? `${major}.${minor - 1}.0` : `${major - 1}.99.0`;
    const { rt: rt2, thrown } = await open(`wx.${newest}({});`);
    expect(thrown).toBeNull();
    expect(rt2.apisBeyond(needs)).toEqual([]);
    expect(rt2.apisBeyond(older)).toEqual([{ api: newest, needs }]);
  });
});

describe('sharing (onShareAppMessage / onShareTimeline) and opening what was shared', () => {
  interface Card {
    title: string;
    path?: string;
    query?: string;
    imageUrl: string;
  }
  const share = (page: Record<string, unknown>, hook: 'onShareAppMessage' | 'onShareTimeline') => {
    expect(typeof page[hook]).toBe('function');
    return (page[hook] as (o: unknown) => Card)({ from: 'menu' });
  };
  const open = async (who: Who, url: string) => {
    const [route, q] = url.replace(/^\//, '').split('?');
    const rt = createWeappRuntime({ dir: WEAPP_DIR, builtApiBase: BUILT_API_BASE, bffUrl: bff.url, storage: who === 'none' ? {} : { 'kcq.tokens': tokens[who] } });
    try {
      await rt.launch(route, Object.fromEntries(new URLSearchParams(q ?? '')));
      const page = await rt.openPage(route, Object.fromEntries(new URLSearchParams(q ?? '')));
      expect(rt.errors).toEqual([]);
      return readableStrings(page.data).join('\n');
    } finally {
      rt.stop();
    }
  };

  test('a service: the card names it, its path carries the id, its picture is in the package; the path opens it signed in or not', async () => {
    const rt = await runtimeFor('none');
    const page = await rt.openPage('catalogue/service/index', { id: fx.serviceId });
    const card = share(page, 'onShareAppMessage');
    const timeline = share(page, 'onShareTimeline');
    await rt.closePage();
    expect(card.title).toContain(fx.serviceTitle);
    expect(card.path).toBe(`/catalogue/service/index?id=${encodeURIComponent(fx.serviceId)}`);
    expect(existsSync(path.join(WEAPP_DIR, card.imageUrl))).toBe(true);
    expect(timeline).toMatchObject({ title: card.title, query: `id=${encodeURIComponent(fx.serviceId)}`, imageUrl: card.imageUrl });
    for (const who of ['none', 'founder'] as const) expect(await open(who, card.path!)).toContain(fx.serviceTitle);
  });

  test('an open period: the card names it, its path carries the id; the path opens the home page showing it, signed in or not', async () => {
    const rt = await runtimeFor('none');
    const page = await rt.openPage('pages/index/index');
    const card = share(page, 'onShareAppMessage');
    const timeline = share(page, 'onShareTimeline');
    await rt.closePage();
    expect(card.title).toContain(fx.periodName);
    expect(card.path).toBe(`/pages/index/index?period=${encodeURIComponent(fx.periodId)}`);
    expect(existsSync(path.join(WEAPP_DIR, card.imageUrl))).toBe(true);
    expect(timeline).toMatchObject({ query: `period=${encodeURIComponent(fx.periodId)}` });
    for (const who of ['none', 'founder'] as const) expect(await open(who, card.path!)).toContain(fx.periodName);
  });
});

test('privacy: app.json turns WeChat’s privacy check on, and the app registers its handler at launch', async () => {
  expect((JSON.parse(readFileSync(APP_JSON, 'utf8')) as { __usePrivacyCheck__?: boolean }).__usePrivacyCheck__).toBe(true);
  const rt = createWeappRuntime({ dir: WEAPP_DIR, builtApiBase: BUILT_API_BASE, bffUrl: bff.url });
  try {
    await rt.launch();
    expect(rt.calls.filter((c) => c.api === 'onNeedPrivacyAuthorization')).toHaveLength(1);
  } finally {
    rt.stop();
  }
});

describe('privacy, in the built weapp: the evidence picker behind WeChat’s privacy check', () => {
  test('tapping 从聊天选择文件 makes WeChat ask; the popup answers; 不同意 says what that means, 同意并继续 lets the picker run', async () => {
    const rt = createWeappRuntime({ dir: WEAPP_DIR, builtApiBase: BUILT_API_BASE, bffUrl: bff.url, storage: { 'kcq.tokens': tokens.staff } });
    try {
      await rt.launch();
      const page = await rt.openPage('staff/redeem/index', { id: fx.registeredId });
      const screen = () => readableStrings(page.data).join('\n');
      expect(screen()).toContain('从聊天选择文件');
      expect(screen()).not.toContain('隐私保护提示');

      await rt.tap(page, '从聊天选择文件');
      // WeChat held chooseMessageFile and asked the app: the popup is on the screen.
      expect(screen()).toContain('隐私保护提示');
      expect(screen()).toContain('从聊天中选择证明材料文件');
      await rt.tap(page, '不同意');
      expect(rt.privacyAnswers).toEqual([{ event: 'disagree' }]);
      expect(screen()).not.toContain('隐私保护提示');
      expect(screen()).toContain('您未同意隐私保护指引，暂时无法选择文件');
      // Still usable: the page and its buttons are there; asking again shows the popup again.
      await rt.tap(page, '从聊天选择文件');
      expect(screen()).toContain('隐私保护提示');
      // WeChat's agree button (open-type agreePrivacyAuthorization) fires its own event.
      await rt.tap(page, '同意并继续', 'agreeprivacyauthorization');
      expect(rt.privacyAnswers).toEqual([{ event: 'disagree' }, { event: 'agree', buttonId: 'agree-privacy' }]);
      expect(screen()).not.toContain('隐私保护提示');
      // The picker ran (the user then cancelled it: nothing more is said).
      expect(rt.calls.filter((c) => c.api === 'chooseMessageFile')).toHaveLength(2);
      expect(rt.errors).toEqual([]);
    } finally {
      rt.stop();
    }
  });
});

describe('subscribe-message consent, in the built weapp against the BFF', () => {
  test('on the staff desk, 有新的合作申请时微信通知我 asks WeChat from the tap for one template; the acceptance reaches the BFF', async () => {
    const staff = await signIn(bff.url, 'dev:mount-staff');
    const before = (await staff.call<{ mine: { templateId: string; credits: number }[] }>('GET', '/api/me/subscriptions')).body.mine;
    const asked: string[][] = [];
    const rt = createWeappRuntime({
      dir: WEAPP_DIR,
      builtApiBase: BUILT_API_BASE,
      bffUrl: bff.url,
      storage: { 'kcq.tokens': tokens.staff },
      answers: {
        // WeChat's sheet: the user taps 允许 for every template shown.
        requestSubscribeMessage: (o: Record<string, unknown>) => {
          const ids = o.tmplIds as string[];
          asked.push(ids);
          return { ok: true, result: Object.fromEntries(ids.map((id) => [id, 'accept'])) };
        },
      },
    });
    try {
      await rt.launch();
      const page = await rt.openPage('pages/desk/index');
      const screen = () => readableStrings(page.data).join('\n');
      expect(screen()).toContain('有新的合作申请时微信通知我');
      await rt.tap(page, '有新的合作申请时微信通知我');
      const calls = rt.calls.filter((c) => c.api === 'requestSubscribeMessage');
      expect(calls).toHaveLength(1);
      // From the tap itself, with this moment's one template (the BFF's dev template without WeChat).
      expect(calls[0].inTap).toBe(true);
      expect(asked).toEqual([['dev-new_proposal']]);
      expect(screen()).toContain('已开启。到时会通过微信提醒您一次');
      const after = (await staff.call<{ mine: { templateId: string; credits: number; lastDecision: string }[] }>('GET', '/api/me/subscriptions')).body.mine;
      const credits = (list: { templateId: string; credits: number }[]) => list.find((m) => m.templateId === 'dev-new_proposal')?.credits ?? 0;
      expect(credits(after)).toBe(credits(before) + 1);
      expect(rt.errors).toEqual([]);
    } finally {
      rt.stop();
    }
  });
});

describe('privacy, in the built weapp: copying an invite code behind WeChat’s privacy check', () => {
  test('不同意 on 复制邀请码 says how to copy it by hand; the invite stays on the screen', async () => {
    const modals: Record<string, unknown>[] = [];
    const rt = createWeappRuntime({
      dir: WEAPP_DIR,
      builtApiBase: BUILT_API_BASE,
      bffUrl: bff.url,
      storage: { 'kcq.tokens': tokens.admin },
      answers: { showModal: (o: Record<string, unknown>) => (modals.push(o), { ok: true, result: { confirm: true, cancel: false } }) },
    });
    try {
      await rt.launch();
      const page = await rt.openPage('staff/team/index', { unit: fx.unitId, name: encodeURIComponent(fx.unitName) });
      const screen = () => readableStrings(page.data).join('\n');
      await rt.tap(page, '生成邀请码');
      expect(screen()).toContain('复制邀请码');
      await rt.tap(page, '复制邀请码');
      expect(screen()).toContain('隐私保护提示');
      expect(screen()).toMatch(/为了\s*复制邀请码\s*，需要您先阅读并同意/);
      await rt.tap(page, '不同意');
      expect(rt.privacyAnswers).toEqual([{ event: 'disagree' }]);
      expect(modals.map((m) => [m.title, m.content])).toEqual([['未复制', '您未同意隐私保护指引，无法自动复制。请长按邀请码手动复制，其他操作不受影响。']]);
      expect(screen()).not.toContain('隐私保护提示');
      expect(screen()).toContain('复制邀请码');
      expect(rt.errors).toEqual([]);
    } finally {
      rt.stop();
    }
  });
});
