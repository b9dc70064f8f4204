/**
 * Evidence storage is bounded and uploads cannot hurt the process (issue #14), over HTTP:
 * - per contract at most EVIDENCE_MAX_FILES_PER_CONTRACT files (20) and EVIDENCE_MAX_BYTES_PER_CONTRACT
 *   bytes (50 MB), refused with the limit in the message and nothing of the request stored;
 * - no uploads once the redemption application is submitted (第十五条3, 第十八条: the evidence is what was
 *   submitted), even after its rejection (final);
 * - a nearly full disk refuses with 507 STORAGE_FULL (EVIDENCE_MIN_FREE_BYTES, checked with statfs);
 * - a truncated multipart body is a 400 UPLOAD_INCOMPLETE (it used to kill the process), and a client that
 *   goes away mid-upload does not leave its request hanging.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { EmbeddedStore } from '../../src/store/embedded';
import type { Store } from '../../src/store';
import { bj, buildWorld, claim, PDF, PNG, propose, terms, type World } from './world';
import { makeExpert } from '../review/support';

const MB = 1024 * 1024;
/** A PDF of exactly `bytes` bytes. */
const pdfOf = (bytes: number) => Buffer.concat([PDF, Buffer.alloc(bytes - PDF.length, 0x20)]);
const code = (r: { status: number; body: { error?: { code: string; message: string } } }) => [r.status, r.body.error?.code, r.body.error?.message];

let store: Store;
let w: World;
afterEach(() => store.close());

async function setup(env: Record<string, string> = {}) {
  store = EmbeddedStore.inMemory();
  w = await buildWorld(store, bj('2026-06-01 10:00'), {}, env);
}

/** A contract of unit X's staff, registered (confirmed). */
async function registeredContract(): Promise<string> {
  const id = (await propose(w, await claim(w, w.A)).expect(201)).body.id as string;
  await w.t.as(w.X).post(`/api/contracts/${id}/confirm`).send(terms()).expect(200);
  return id;
}

function upload(id: string, files: { data: Buffer; name: string; type?: string }[]) {
  let req = w.t.as(w.X).post(`/api/contracts/${id}/evidence`);
  for (const f of files) req = req.attach('files', f.data, { filename: f.name, contentType: f.type ?? 'application/pdf' });
  return req;
}

const held = async (id: string) => {
  const list = (await w.t.as(w.X).get(`/api/contracts/${id}/evidence`).expect(200)).body.evidence as { filename: string; sizeBytes: number }[];
  return { files: list.length, bytes: list.reduce((n, e) => n + e.sizeBytes, 0), names: list.map((e) => e.filename) };
};

test('at most 20 files per contract: the refusal says the limit and what is left, and stores nothing of the request', async () => {
  await setup();
  const id = await registeredContract();
  for (let round = 0; round < 3; round++) {
    const five = Array.from({ length: 5 }, (_, i) => ({ data: PDF, name: `r${round}-${i}.pdf` }));
    await upload(id, five).expect(201);
  }
  await upload(id, [{ data: PDF, name: 'a.pdf' }, { data: PDF, name: 'b.pdf' }, { data: PDF, name: 'c.pdf' }]).expect(201);
  // 18 held: three more would be 21.
  const over = await upload(id, [{ data: PDF, name: 'x.pdf' }, { data: PDF, name: 'y.pdf' }, { data: PDF, name: 'z.pdf' }]);
  expect(code(over)).toEqual([409, 'EVIDENCE_CONTRACT_FILES_LIMIT', '每份合同最多上传20个证明材料，本合同已有18个，还可上传2个']);
  expect(over.body.error.details).toEqual({ maxFiles: 20, files: 18 });
  expect((await held(id)).files).toBe(18);
  await upload(id, [{ data: PDF, name: 'x.pdf' }, { data: PNG, name: 'y.png', type: 'image/png' }]).expect(201);
  // Full: refused before the body is read.
  const full = await upload(id, [{ data: PDF, name: 'late.pdf' }]);
  expect(code(full)).toEqual([409, 'EVIDENCE_CONTRACT_FILES_LIMIT', '每份合同最多上传20个证明材料，本合同已有20个']);
  expect((await held(id)).files).toBe(20);
});

test('at most 50 MB per contract (the 18 files / 62 MB of issue #14 cannot happen); a configured limit is named as configured', async () => {
  await setup();
  const id = await registeredContract();
  const ten = pdfOf(10 * MB);
  await upload(id, [0, 1, 2, 3].map((i) => ({ data: ten, name: `scan-${i}.pdf` }))).expect(201);
  // 40 MB held: two 6 MB files would make 52 MB — all or nothing.
  const six = pdfOf(6 * MB);
  const over = await upload(id, [{ data: six, name: 'a.pdf' }, { data: six, name: 'b.pdf' }]);
  expect(code(over)).toEqual([409, 'EVIDENCE_CONTRACT_BYTES_LIMIT', '每份合同的证明材料合计不超过50MB，本合同已有40MB，本次12MB']);
  expect(await held(id)).toMatchObject({ files: 4, bytes: 40 * MB });
  // Exactly 50 MB is fine; one more byte is not.
  await upload(id, [{ data: ten, name: 'scan-4.pdf' }]).expect(201);
  expect(await held(id)).toMatchObject({ files: 5, bytes: 50 * MB });
  const more = await upload(id, [{ data: PDF, name: 'tiny.pdf' }]);
  expect(code(more)).toEqual([409, 'EVIDENCE_CONTRACT_BYTES_LIMIT', '每份合同的证明材料合计不超过50MB，本合同已有50MB']);

  // Operators may set other bounds (EVIDENCE_MAX_*_PER_CONTRACT); the messages follow.
  await store.close();
  await setup({ EVIDENCE_MAX_BYTES_PER_CONTRACT: String(Math.round(1.5 * MB)), EVIDENCE_MAX_FILES_PER_CONTRACT: '3' });
  const small = await registeredContract();
  await upload(small, [{ data: pdfOf(MB), name: 'a.pdf' }]).expect(201);
  expect(code(await upload(small, [{ data: pdfOf(MB), name: 'b.pdf' }]))).toEqual([
    409,
    'EVIDENCE_CONTRACT_BYTES_LIMIT',
    '每份合同的证明材料合计不超过1.5MB，本合同已有1MB，本次1MB',
  ]);
  await upload(small, [{ data: PDF, name: 'b.pdf' }, { data: PDF, name: 'c.pdf' }]).expect(201);
  expect(code(await upload(small, [{ data: PDF, name: 'd.pdf' }]))[2]).toBe('每份合同最多上传3个证明材料，本合同已有3个');
});

test('no uploads once the redemption application is submitted, nor after its (final) rejection', async () => {
  await setup();
  const id = await registeredContract();
  const ev = (await upload(id, [{ data: PDF, name: '报告.pdf' }]).expect(201)).body.evidence[0].id as string;
  // Before applying, more evidence is fine.
  await upload(id, [{ data: PNG, name: '照片.png', type: 'image/png' }]).expect(201);
  w.t.clock.set(bj('2026-08-05 10:00'));
  const rid = (await w.t.as(w.X).post(`/api/contracts/${id}/redemption`).send({ actualAmountFen: 200_000, report: '完成', evidenceIds: [ev] }).expect(201)).body.id;
  const after = await upload(id, [{ data: PDF, name: '补充.pdf' }]);
  expect(code(after)).toEqual([409, 'EVIDENCE_UPLOAD_CLOSED', '该合同已提交兑现申请，不能再上传证明材料']);
  expect(after.body.error.details).toEqual({ redemptionStatus: 'submitted' });
  // Rejected through a review round (第十五条4): a one-expert panel fails it, the administrator decides.
  const expert = await makeExpert(w, 'a');
  const round = (await w.t.as(w.admin).post('/api/admin/review-rounds').send({ name: '评审', panelSize: 1 }).expect(201)).body;
  const item = round.items.find((i: { redemptionId: string }) => i.redemptionId === rid);
  await w.t.as(expert).post(`/api/expert/assignments/${item.id}/opinion`).send({ opinion: 'fail', comment: '证明材料与合同不符' }).expect(200);
  await w.t.as(w.admin).post(`/api/admin/review-items/${item.id}/decision`).send({ decision: 'reject', reason: '证明材料与合同不符' }).expect(200);
  expect((await w.t.as(w.X).get(`/api/contracts/${id}/redemption`).expect(200)).body.status).toBe('rejected');
  expect(code(await upload(id, [{ data: PDF, name: '补充.pdf' }]))[1]).toBe('EVIDENCE_UPLOAD_CLOSED');
  expect((await held(id)).names.sort()).toEqual(['报告.pdf', '照片.png'].sort());
});

test('a nearly full disk refuses uploads with 507 STORAGE_FULL and a clear message, storing nothing', async () => {
  // Keep-free bound above any real disk's free space: statfs says there is not enough room.
  await setup({ EVIDENCE_MIN_FREE_BYTES: String(2 ** 52) });
  const id = await registeredContract();
  const r = await upload(id, [{ data: PDF, name: 'r.pdf' }]);
  expect(code(r)).toEqual([507, 'STORAGE_FULL', '服务器存储空间不足，暂时无法接收文件，请稍后再试或联系管理员']);
  expect((await held(id)).files).toBe(0);
  // With the check off (0) the same upload goes through.
  await store.close();
  await setup({ EVIDENCE_MIN_FREE_BYTES: '0' });
  await upload(await registeredContract(), [{ data: PDF, name: 'r.pdf' }]).expect(201);
});

describe('broken uploads', () => {
  const truncated = Buffer.from(
    '--xx\r\nContent-Disposition: form-data; name="files"; filename="a.png"\r\nContent-Type: image/png\r\n\r\nPNGDATA',
  );

  test('a truncated multipart body (issue #14) is a 400 UPLOAD_INCOMPLETE, nothing is stored, and the app keeps serving', async () => {
    await setup();
    const id = await registeredContract();
    const r = await w.t
      .as(w.X)
      .post(`/api/contracts/${id}/evidence`)
      .set('Content-Type', 'multipart/form-data; boundary=xx')
      .send(truncated);
    expect(code(r)).toEqual([400, 'UPLOAD_INCOMPLETE', '文件没有完整上传，请检查网络后重新上传']);
    // Cut inside the part headers: the same.
    const cut = await w.t
      .as(w.X)
      .post(`/api/contracts/${id}/evidence`)
      .set('Content-Type', 'multipart/form-data; boundary=xx')
      .send(Buffer.from('--xx\r\nContent-Disposition: form-da'));
    expect(code(cut)[1]).toBe('UPLOAD_INCOMPLETE');
    // Malformed early in a large body: a 400 with the rest of the body dropped, not a hang.
    const malformed = await w.t
      .as(w.X)
      .post(`/api/contracts/${id}/evidence`)
      .set('Content-Type', 'multipart/form-data; boundary=xx')
      .send(Buffer.concat([Buffer.from('--xx\r\nno header separator here\r\n\r\n'), Buffer.alloc(8 * MB, 0x41), Buffer.from('\r\n--xx--\r\n')]));
    expect(code(malformed)).toEqual([400, 'VALIDATION_FAILED', '上传内容格式有误']);
    expect((await held(id)).files).toBe(0);
    await upload(id, [{ data: PDF, name: 'ok.pdf' }]).expect(201);
  });

  test('a client that goes away mid-upload: the request ends (no handler left waiting), and the next upload works', async () => {
    await setup();
    const id = await registeredContract();
    const handle = w.t.app.callback();
    const finished: string[] = [];
    const server = http.createServer((req, res) => {
      void (handle(req, res) as unknown as Promise<void>).then(() => finished.push(`${req.method} ${req.url}`));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as AddressInfo;
      // Headers promise 1 MB; half a part arrives, then the connection drops.
      const sock = net.connect(port, '127.0.0.1');
      await new Promise<void>((r) => sock.once('connect', () => r()));
      sock.write(
        `POST /api/contracts/${id}/evidence HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${w.X.accessToken}\r\n` +
          'Content-Type: multipart/form-data; boundary=xx\r\nContent-Length: 1048576\r\n\r\n',
      );
      sock.write(truncated);
      await new Promise((r) => setTimeout(r, 100));
      sock.destroy();
      const deadline = Date.now() + 3_000;
      while (!finished.includes(`POST /api/contracts/${id}/evidence`) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(finished).toEqual([`POST /api/contracts/${id}/evidence`]);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
    expect((await held(id)).files).toBe(0);
    await upload(id, [{ data: PDF, name: 'ok.pdf' }]).expect(201);
  });
});
