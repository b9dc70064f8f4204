/**
 * Issue #14 item 6 over HTTP: free text is normalised and refused by the shared rule (textSchema) on every
 * endpoint that stores it — reasons, names, descriptions, file names of uploads — so what is stored is
 * what a screen shows: no NUL, no control characters, no right-to-left override turning
 * `\u202egnp.exe` into `exe.png`, and a reason of "\u0000" or "   " is no reason.
 */
import { EmbeddedStore } from '../../src/store/embedded';
import type { Store } from '../../src/store';
import { bj, buildWorld, claim, PDF, project, propose, type World } from '../contracts/world';

let store: Store;
let w: World;

beforeEach(async () => {
  store = EmbeddedStore.inMemory();
  w = await buildWorld(store, bj('2026-06-01 10:00'));
});
afterEach(() => store.close());

const refusal = (r: { status: number; body: { error?: { code: string; message: string } } }) => [r.status, r.body.error?.code, r.body.error?.message];

const CONTROL = '含有不可见的控制字符，请删除后重试';
const BIDI = '含有改变文字显示方向的控制字符，请删除后重试';

test('a rejection reason of NUL, of spaces or of zero-width spaces is refused as empty; NUL inside is refused', async () => {
  const id = (await propose(w, await claim(w, w.A)).expect(201)).body.id;
  const reject = (reason: string) => w.t.as(w.X).post(`/api/contracts/${id}/reject`).send({ reason });
  for (const empty of ['\u0000', '   ', '\u200b\u200b']) {
    expect(refusal(await reject(empty))).toEqual([400, 'VALIDATION_FAILED', '提交的信息有误：reason 请填写原因']);
  }
  expect(refusal(await reject('价格\u0000不合适'))).toEqual([400, 'VALIDATION_FAILED', `提交的信息有误：reason 原因${CONTROL}`]);
  expect(refusal(await reject('\u202e理合不格价'))).toEqual([400, 'VALIDATION_FAILED', `提交的信息有误：reason 原因${BIDI}`]);
  // Still proposed: none of these was taken. A real reason is stored normalised (NFC, trimmed).
  const ok = await reject('  Cafe\u0301 检测排期已满\u200b ').expect(200);
  expect(ok.body.rejection.reason).toBe('Café 检测排期已满');
});

test('names: an open unit, a lab — control characters and direction overrides are refused', async () => {
  const { t, admin, X, unitX } = w;
  expect(refusal(await t.as(admin).post('/api/admin/open-units').send({ name: '\u202e心中测检' }))).toEqual([
    400,
    'VALIDATION_FAILED',
    `提交的信息有误：name 单位名称${BIDI}`,
  ]);
  expect(refusal(await t.as(admin).post('/api/admin/open-units').send({ name: '北京\u0007检测中心' }))).toEqual([
    400,
    'VALIDATION_FAILED',
    `提交的信息有误：name 单位名称${CONTROL}`,
  ]);
  const lab = { name: '材料\u0000实验室', level: 'national_key_lab', fields: ['new_materials'], description: null };
  expect(refusal(await t.as(X).post(`/api/open-units/${unitX}/labs`).send(lab))).toEqual([
    400,
    'VALIDATION_FAILED',
    `提交的信息有误：name 实验室名称${CONTROL}`,
  ]);
  // Multi-line text keeps its line breaks; a name may not have one.
  const created = await t
    .as(X)
    .post(`/api/open-units/${unitX}/labs`)
    .send({ ...lab, name: '材料实验室', description: '第一行\r\n第二行' })
    .expect(201);
  expect(created.body.description).toBe('第一行\n第二行');
  expect((await t.as(X).post(`/api/open-units/${unitX}/labs`).send({ ...lab, name: '材料\n实验室' })).status).toBe(400);
});

test('a proposal: the project title is one line, the description may have several', async () => {
  const voucherId = await claim(w, w.A);
  expect(refusal(await propose(w, voucherId, { project: { ...project, title: '隔膜\n分析' } }))).toEqual([
    400,
    'VALIDATION_FAILED',
    `提交的信息有误：project.title 项目名称${CONTROL}`,
  ]);
  expect(refusal(await propose(w, voucherId, { project: { ...project, description: '\u0000' } }))).toEqual([
    400,
    'VALIDATION_FAILED',
    '提交的信息有误：project.description 请描述项目内容',
  ]);
  const ok = await propose(w, voucherId, { project: { ...project, description: '样品三份\n需保密' } }).expect(201);
  expect(ok.body.project.description).toBe('样品三份\n需保密');
});

test('file names of uploads: an override or a control character is refused with a message naming it; nothing is stored', async () => {
  const { t, A, X } = w;
  const id = (await propose(w, await claim(w, A)).expect(201)).body.id;
  const up = () => t.as(X).post(`/api/contracts/${id}/evidence`);

  const spoofed = await up().attach('files', PDF, { filename: '检测报告\u202efdp.exe', contentType: 'application/pdf' });
  expect(refusal(spoofed)).toEqual([400, 'VALIDATION_FAILED', `文件名${BIDI}（请重命名文件后再上传）`]);
  expect(spoofed.body.error.details.fields[0]).toMatchObject({ path: 'files.filename', code: 'bidi' });

  // The name the user picked (weapp sends it as a field next to the file's temporary name).
  const picked = await up().field('filename', '报告\u0000.pdf').attach('files', PDF, { filename: 'tmp_123.pdf', contentType: 'application/pdf' });
  expect(refusal(picked)).toEqual([400, 'VALIDATION_FAILED', `文件名${CONTROL}（请重命名文件后再上传）`]);

  expect((await t.as(X).get(`/api/contracts/${id}/evidence`).expect(200)).body.evidence).toEqual([]);

  // An ordinary Chinese name, decomposed by the phone, is stored composed (NFC).
  const ok = await up().attach('files', PDF, { filename: '检测报告-Cafe\u0301.pdf', contentType: 'application/pdf' }).expect(201);
  expect(ok.body.evidence[0].filename).toBe('检测报告-Café.pdf');
});

test('optional text: an omitted cancel reason is fine, a reason of only NUL is not', async () => {
  const { t, A } = w;
  const id = (await propose(w, await claim(w, A)).expect(201)).body.id;
  expect(refusal(await t.as(A).post(`/api/contracts/${id}/cancel`).send({ reason: '\u0000' }))).toEqual([
    400,
    'VALIDATION_FAILED',
    `提交的信息有误：reason 原因${CONTROL}`,
  ]);
  await t.as(A).post(`/api/contracts/${id}/cancel`).send({}).expect(200);
});
