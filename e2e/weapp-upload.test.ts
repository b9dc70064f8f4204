/**
 * Evidence upload as the WeChat mini-program does it (issue #8): the REAL miniapp/services/api.ts and
 * client.ts, built for weapp (TARO_ENV=weapp), against a REAL BFF process, with `@tarojs/taro` replaced
 * by a Node double of the WeChat APIs (support/wechat-taro.ts: wx.request, wx.uploadFile, storage…)
 * because WeChat DevTools cannot run here. The H5 path (fetch + FormData) is covered by the browser
 * journey contracts.e2e.test.ts; this one covers Taro.uploadFile: one request per file, field `files`,
 * the token in `header`, the answer's `data` a JSON string.
 *
 * Set-up through the BFF API (as contracts.e2e.test.ts): a founder claims a voucher and proposes; a staff
 * member of the unit (bound by an invite) confirms with terms that start and end on the claim day, so the
 * BFF accepts a redemption application at once. Then the staff member, signed in through the api module
 * under test, uploads files from disk and applies.
 */
import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { shanghaiDay } from '@kcq/shared';
import type { EvidenceView, RedemptionView } from '@kcq/shared';
import { startAppServer } from './support/bff';
import { creditCode, enterpriseProfile, signIn, type Session } from './support/api';
import { createWeChatDouble, type WeChatDouble } from './support/wechat-taro';
import type { Tokens } from '../miniapp/services/client';

type ApiModule = typeof import('../miniapp/services/api');
type ClientModule = typeof import('../miniapp/services/client');
type ErrorsModule = typeof import('../miniapp/services/errors');

/** The BFF signs access tokens with it; the renewal test needs it to make a genuinely expired one. */
const JWT_SECRET = 'weapp-upload-test-secret-0123456789';
const TOKENS_KEY = 'kcq.tokens';

/** A minimal PDF (the BFF checks the first bytes: %PDF-). */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
/** Named .pdf, but text: the BFF's magic-byte check refuses it. */
const NOT_A_PDF = Buffer.from('这不是 PDF，只是一段文字。\n');

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

interface WeappApp {
  wx: WeChatDouble;
  api: ApiModule['api'];
  LOGIN_PAGE: string;
  isApiError: ClientModule['isApiError'];
  describeError: ErrorsModule['describeError'];
}

/** A fresh "launch" of the weapp's service layer: its own module instances and its own WeChat storage. */
function launchWeapp(partType?: (filePath: string) => string): WeappApp {
  const wx = createWeChatDouble({ pages: ['pages/desk/index', 'staff/redeem/index'], partType });
  let app: WeappApp | undefined;
  jest.isolateModules(() => {
    jest.doMock('@tarojs/taro', () => ({ __esModule: true, default: wx.taro }));
    /* eslint-disable @typescript-eslint/no-require-imports */
    const apiModule = require('../miniapp/services/api') as ApiModule;
    const client = require('../miniapp/services/client') as ClientModule;
    const errors = require('../miniapp/services/errors') as ErrorsModule;
    /* eslint-enable @typescript-eslint/no-require-imports */
    app = { wx, api: apiModule.api, LOGIN_PAGE: apiModule.LOGIN_PAGE, isApiError: client.isApiError, describeError: errors.describeError };
  });
  return app!;
}

/** The same claims as `token`, signed with the BFF's key, but expired an hour ago (the BFF answers TOKEN_EXPIRED). */
function expiredCopyOf(token: string): string {
  const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
  const now = Math.floor(Date.now() / 1000);
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ ...claims, iat: now - 7200, exp: now - 3600 })}`;
  return `${unsigned}.${createHmac('sha256', JWT_SECRET).update(unsigned).digest('base64url')}`;
}

describe('weapp evidence upload: api.ts over Taro.uploadFile against a real BFF', () => {
  let server: Awaited<ReturnType<typeof startAppServer>>;
  let url: string;
  let staff: Session;
  let admin: Session;
  let periodId: string;
  let service: { id: string; unit: { id: string } };
  let tmp: string;
  const env = { base: process.env.TARO_APP_API_BASE, taroEnv: process.env.TARO_ENV };

  beforeAll(async () => {
    server = await startAppServer({ JWT_SECRET });
    url = server.url;
    // Read by api.ts (API_BASE) and components/roleTab.ts when they are first required.
    process.env.TARO_APP_API_BASE = url;
    process.env.TARO_ENV = 'weapp';
    tmp = mkdtempSync(path.join(os.tmpdir(), 'kcq-weapp-upload-'));

    const periods = (await (await fetch(`${url}/api/periods`)).json()) as { periods: { id: string; status: string }[] };
    const open = periods.periods.find((p) => p.status === 'open');
    expect(open).toBeDefined();
    periodId = open!.id;
    const services = (await (await fetch(`${url}/api/catalogue/services?limit=50`)).json()) as {
      items: { id: string; voucherEligible: boolean; unit: { id: string; status: string } }[];
    };
    const eligible = services.items.find((s) => s.voucherEligible && s.unit.status === 'active');
    expect(eligible).toBeDefined();
    service = eligible!;

    admin = await signIn(url, 'dev:admin');
    const invite = await admin.call<{ code: string }>('POST', `/api/open-units/${service.unit.id}/invites`, {});
    expect(invite.status).toBe(201);
    staff = await signIn(url, 'dev:weapp-staff');
    expect((await staff.call('POST', '/api/invites/redeem', { code: invite.body.code })).status).toBe(200);
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
    if (env.base === undefined) delete process.env.TARO_APP_API_BASE;
    else process.env.TARO_APP_API_BASE = env.base;
    if (env.taroEnv === undefined) delete process.env.TARO_ENV;
    else process.env.TARO_ENV = env.taroEnv;
  });

  let founders = 0;
  /** A registered contract whose end day has come: a new founder claims and proposes, the staff member confirms. */
  async function registeredContract(): Promise<string> {
    founders += 1;
    const n = founders;
    const founder = await signIn(url, `dev:weapp-founder-${n}`);
    const registered = await founder.call('POST', '/api/applicants', enterpriseProfile(`北京小程序上传测试${n}号科技有限公司`, creditCode(`MA7WXUP${n}`)));
    expect(registered.status).toBe(201);
    const claim = await founder.call<{ id: string; claimedAt: string }>(
      'POST',
      `/api/periods/${periodId}/claims`,
      { amountFen: 5_000_000 },
      { 'Idempotency-Key': `weapp-upload-claim-${n}` },
    );
    expect(claim.status).toBe(201);
    const proposal = await founder.call<{ id: string; status: string }>('POST', '/api/contracts', {
      voucherId: claim.body.id,
      serviceId: service.id,
      project: { title: '小程序上传证明材料', description: '对两种复合材料做成分分析。' },
      municipalFundingReceived: false,
    });
    expect(proposal.status).toBe(201);
    const day = shanghaiDay(new Date(claim.body.claimedAt));
    const confirmed = await staff.call<{ status: string }>('POST', `/api/contracts/${proposal.body.id}/confirm`, {
      contractNo: `HT-WX-${n}`,
      contractAmountFen: 8_000_000,
      startDay: day,
      endDay: day,
      voucherAmountFen: 4_000_000,
    });
    expect(confirmed).toMatchObject({ status: 200, body: { status: 'registered' } });
    return proposal.body.id;
  }

  /** A file as a picker leaves it: a temp path whose own name is not the one the user sees. */
  function tempFile(fileName: string, bytes: Buffer): string {
    const dir = mkdtempSync(path.join(tmp, 'wxfile-'));
    const file = path.join(dir, fileName);
    writeFileSync(file, bytes);
    return file;
  }

  async function evidenceOnBff(contractId: string): Promise<EvidenceView[]> {
    const res = await staff.call<{ evidence: EvidenceView[] }>('GET', `/api/contracts/${contractId}/evidence`);
    expect(res.status).toBe(200);
    return res.body.evidence;
  }

  async function downloaded(contractId: string, evidenceId: string): Promise<Buffer> {
    const res = await fetch(`${url}/api/contracts/${contractId}/evidence/${evidenceId}`, { headers: { authorization: `Bearer ${staff.token}` } });
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  }

  test('the staff member uploads a PDF and a PNG from disk and applies for redemption with them', async () => {
    const contractId = await registeredContract();
    const app = launchWeapp();
    await app.api.signIn('dev:weapp-staff');
    expect(app.api.signedIn()).toBe(true);

    const pdf = tempFile('tmp_3f9a1c0d.pdf', PDF);
    const png = tempFile('tmp_7b2e44aa.png', PNG);
    const progress: [string, number][] = [];
    const { stored, refused } = await app.api.uploadEvidence(
      contractId,
      [
        { path: pdf, name: '技术服务合同.pdf', size: PDF.length },
        { path: png, name: '检测现场.png', size: PNG.length },
      ],
      (name, percent) => progress.push([name, percent]),
    );

    expect(refused).toEqual([]);
    expect(stored).toHaveLength(2);
    // Each file's percentage, as wx.uploadFile's task reports the bytes sent (onProgressUpdate).
    expect(progress).toEqual([
      ['技术服务合同.pdf', 0],
      ['技术服务合同.pdf', 100],
      ['检测现场.png', 0],
      ['检测现场.png', 100],
    ]);
    // Stored under the names the user picked, not WeChat's temporary ones (the `filename` field).
    expect(stored.map((e) => e.filename)).toEqual(['技术服务合同.pdf', '检测现场.png']);
    expect(stored.map((e) => ({ contentType: e.contentType, sizeBytes: e.sizeBytes, sha256: e.sha256, redemptionId: e.redemptionId }))).toEqual([
      { contentType: 'application/pdf', sizeBytes: PDF.length, sha256: sha256(PDF), redemptionId: null },
      { contentType: 'image/png', sizeBytes: PNG.length, sha256: sha256(PNG), redemptionId: null },
    ]);
    // One wx.uploadFile per file, under the field the BFF's API documents ("files"; its multipart parser
    // takes a file under any field name, so only the request shows it), with the session's bearer token.
    const { accessToken } = app.wx.taro.getStorageSync(TOKENS_KEY) as Tokens;
    expect(app.wx.callsTo('uploadFile').map((c) => ({ url: c.url, filePath: c.filePath, name: c.name, auth: c.header.Authorization }))).toEqual([
      { url: `${url}/api/contracts/${contractId}/evidence`, filePath: pdf, name: 'files', auth: `Bearer ${accessToken}` },
      { url: `${url}/api/contracts/${contractId}/evidence`, filePath: png, name: 'files', auth: `Bearer ${accessToken}` },
    ]);
    // The bytes on disk reached the BFF intact.
    expect(sha256(await downloaded(contractId, stored[0].id))).toBe(sha256(PDF));
    expect(sha256(await downloaded(contractId, stored[1].id))).toBe(sha256(PNG));

    const redemption = await app.api.applyRedemption(contractId, {
      actualAmountFen: 8_000_000,
      report: '已完成两种材料的成分分析并交付检测报告。',
      evidenceIds: stored.map((e) => e.id),
    });
    expect(redemption).toMatchObject({ contractId, status: 'submitted', actualAmountFen: 8_000_000, payableFen: 4_000_000 });
    expect(redemption.evidence.map((e) => e.sha256).sort()).toEqual([sha256(PDF), sha256(PNG)].sort());

    // The BFF, asked outside the module under test, shows the application submitted with both files.
    const seen = await staff.call<RedemptionView>('GET', `/api/contracts/${contractId}/redemption`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ id: redemption.id, status: 'submitted' });
    expect(seen.body.evidence.map((e) => e.id).sort()).toEqual(stored.map((e) => e.id).sort());
    expect(seen.body.evidence.every((e) => e.redemptionId === redemption.id)).toBe(true);
    const queue = await admin.call<{ redemptions: RedemptionView[] }>('GET', '/api/admin/redemptions?status=submitted');
    expect(queue.body.redemptions.map((r) => r.id)).toContain(redemption.id);
    // Nothing sent the user to sign-in.
    expect(app.wx.callsTo('navigateTo')).toEqual([]);
  });

  test('a file the BFF refuses (a .pdf that is text) is an ApiError with the BFF’s code and a Chinese message', async () => {
    const contractId = await registeredContract();
    const app = launchWeapp();
    await app.api.signIn('dev:weapp-staff');

    const fake = tempFile('tmp_c0ffee00.pdf', NOT_A_PDF);
    const { stored, refused } = await app.api.uploadEvidence(contractId, [{ path: fake, name: '合同扫描件.pdf', size: NOT_A_PDF.length }]);
    expect(stored).toEqual([]);
    expect(refused.map((r) => r.name)).toEqual(['合同扫描件.pdf']);
    const error = refused[0].error;

    expect(app.isApiError(error)).toBe(true);
    expect(error).toMatchObject({ status: 415, code: 'EVIDENCE_TYPE_NOT_ALLOWED' });
    const view = app.describeError(error);
    expect(view).toMatchObject({
      code: 'EVIDENCE_TYPE_NOT_ALLOWED',
      title: '文件类型不支持',
      message: '证明材料只接受 PDF、JPEG、PNG 文件',
      next: { action: 'back' },
    });
    expect(view.details).toMatchObject({ declared: 'application/pdf', detected: null });

    // Nothing stored; the session is untouched.
    expect(await evidenceOnBff(contractId)).toEqual([]);
    expect(app.api.signedIn()).toBe(true);
    expect(app.wx.callsTo('navigateTo')).toEqual([]);
  });

  test('an expired access token on an upload is renewed once with the refresh token and the upload goes through', async () => {
    const contractId = await registeredContract();
    const app = launchWeapp();
    await app.api.signIn('dev:weapp-staff');
    const before = app.wx.taro.getStorageSync(TOKENS_KEY) as Tokens;
    const expired = expiredCopyOf(before.accessToken);
    // The BFF itself calls it expired (not invalid): the case client.ts renews.
    const probe = await fetch(`${url}/api/me`, { headers: { authorization: `Bearer ${expired}` } });
    expect(probe.status).toBe(401);
    expect(((await probe.json()) as { error: { code: string } }).error.code).toBe('TOKEN_EXPIRED');
    app.wx.taro.setStorageSync(TOKENS_KEY, { ...before, accessToken: expired });

    const pdf = tempFile('tmp_5e5e5e5e.pdf', PDF);
    const { stored } = await app.api.uploadEvidence(contractId, [{ path: pdf, name: '技术服务合同.pdf', size: PDF.length }]);

    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ contentType: 'application/pdf', sha256: sha256(PDF) });
    // One refusal, one refresh, one replay with the new token.
    const refreshes = app.wx.callsTo('request').filter((c) => c.url === `${url}/api/auth/refresh`);
    expect(refreshes).toHaveLength(1);
    const after = app.wx.taro.getStorageSync(TOKENS_KEY) as Tokens;
    expect(after.accessToken).not.toBe(expired);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(app.wx.callsTo('uploadFile').map((c) => c.header.Authorization)).toEqual([`Bearer ${expired}`, `Bearer ${after.accessToken}`]);
    // The renewed session works, and the file was stored once.
    expect(app.api.signedIn()).toBe(true);
    expect((await app.api.evidence(contractId)).evidence.map((e) => e.id)).toEqual([stored[0].id]);
    expect(await evidenceOnBff(contractId)).toHaveLength(1);
    expect(app.wx.callsTo('navigateTo')).toEqual([]);
  });

  test('an invalid access token on an upload is not renewed: the session ends and the app goes to sign-in', async () => {
    const contractId = await registeredContract();
    const app = launchWeapp();
    await app.api.signIn('dev:weapp-staff');
    const before = app.wx.taro.getStorageSync(TOKENS_KEY) as Tokens;
    app.wx.taro.setStorageSync(TOKENS_KEY, { ...before, accessToken: `${before.accessToken.slice(0, -4)}AAAA` });

    const pdf = tempFile('tmp_0badf00d.pdf', PDF);
    const { stored, refused } = await app.api.uploadEvidence(contractId, [{ path: pdf, name: '技术服务合同.pdf', size: PDF.length }]);
    expect(stored).toEqual([]);
    const error = refused[0]?.error;

    expect(error).toMatchObject({ status: 401, code: 'TOKEN_INVALID' });
    expect(app.describeError(error)).toMatchObject({ title: '登录状态无效', message: '登录状态无效，请重新登录', next: { action: 'sign_in' } });
    expect(app.wx.callsTo('request').filter((c) => c.url === `${url}/api/auth/refresh`)).toEqual([]);
    expect(app.api.signedIn()).toBe(false);
    expect(app.wx.taro.getStorageSync(TOKENS_KEY)).toBe('');
    expect(app.wx.callsTo('navigateTo')).toEqual([{ api: 'navigateTo', url: app.LOGIN_PAGE }]);
    expect(await evidenceOnBff(contractId)).toEqual([]);
  });

  test('a batch where one file is refused: the others are stored and reported, the refused one named with its reason', async () => {
    const contractId = await registeredContract();
    const app = launchWeapp();
    await app.api.signIn('dev:weapp-staff');
    const pdf = tempFile('tmp_11111111.pdf', PDF);
    const fake = tempFile('tmp_22222222.pdf', NOT_A_PDF);
    const png = tempFile('tmp_33333333.png', PNG);

    const { stored, refused } = await app.api.uploadEvidence(contractId, [
      { path: pdf, name: '技术服务合同.pdf', size: PDF.length },
      { path: fake, name: '合同扫描件.pdf', size: NOT_A_PDF.length },
      { path: png, name: '检测现场.png', size: PNG.length },
    ]);

    expect(stored.map((e) => e.filename)).toEqual(['技术服务合同.pdf', '检测现场.png']);
    expect(refused.map((r) => [r.name, app.describeError(r.error).code])).toEqual([['合同扫描件.pdf', 'EVIDENCE_TYPE_NOT_ALLOWED']]);
    // What the screen lists is what the BFF holds: nothing stored goes unreported.
    expect((await evidenceOnBff(contractId)).length).toBe(2);
  });

  test('a client that declares application/octet-stream (WeChat does not document the part type): the bytes decide', async () => {
    const contractId = await registeredContract();
    const app = launchWeapp(() => 'application/octet-stream');
    await app.api.signIn('dev:weapp-staff');
    const pdf = tempFile('tmp_44444444.pdf', PDF);
    const fake = tempFile('tmp_55555555.pdf', NOT_A_PDF);

    const { stored, refused } = await app.api.uploadEvidence(contractId, [
      { path: pdf, name: '技术服务合同.pdf', size: PDF.length },
      { path: fake, name: '合同扫描件.pdf', size: NOT_A_PDF.length },
    ]);

    expect(stored.map((e) => [e.filename, e.contentType, e.sha256])).toEqual([['技术服务合同.pdf', 'application/pdf', sha256(PDF)]]);
    expect(refused.map((r) => app.describeError(r.error).code)).toEqual(['EVIDENCE_TYPE_NOT_ALLOWED']);
  });
});
