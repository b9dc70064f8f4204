/** POST /api/eligibility/check — 第七条 over HTTP, as the public wizard calls it. */
import request from 'supertest';
import { buildTestApp } from './support/app';
import { ManualClock } from '../src/domain/clock';
import { enterpriseProfile } from './support/identity';

// 2026-11-21 10:00 Beijing time.
const clock = new ManualClock(new Date('2026-11-21T02:00:00Z'));
const { app } = buildTestApp({ clock });
const post = (body: unknown) => request(app.callback()).post('/api/eligibility/check').send(body as object);

const enterprise = enterpriseProfile();

test('第七条: an eligible enterprise gets eligible=true and the 200,000-yuan annual cap (第十二条)', async () => {
  const res = await post(enterprise);
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ eligible: true, kind: 'enterprise', annualCapFen: 20_000_000, failures: [] });
});

test('第十二条: a certified high-tech enterprise gets the 500,000-yuan annual cap', async () => {
  const res = await post({ ...enterprise, highTechCertified: true });
  expect(res.body.annualCapFen).toBe(50_000_000);
});

test('第七条: every failed condition comes back, each with its clause', async () => {
  const res = await post({ ...enterprise, employees: 501, registeredOn: '2020-01-01', priorityField: 'other', otherFieldDescription: '餐饮' });
  expect(res.status).toBe(200);
  expect(res.body.eligible).toBe(false);
  const codes = res.body.failures.map((f: { code: string; clause: string }) => [f.code, f.clause]);
  expect(codes).toEqual(
    expect.arrayContaining([
      ['TOO_MANY_EMPLOYEES', '第七条第三项'],
      ['REGISTERED_OVER_5_YEARS', '第七条第一项'],
      ['FIELD_NOT_PRIORITY', '第七条第五项'],
    ]),
  );
  expect(res.body.failures).toHaveLength(3);
});

test('第七条第二款: a startup team whose project is still being planned is not eligible', async () => {
  const student = (name: string) => ({ name, school: '北京大学', studentId: `S-${name}`, enrolled: true });
  const res = await post({
    kind: 'team',
    name: '燕园材料创新团队',
    isLegalPerson: false,
    hasRegisteredCompany: false,
    leader: student('张三'),
    members: [student('李四')],
    projectName: '柔性电池隔膜',
    projectStage: 'planning',
  });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ eligible: false, kind: 'team', annualCapFen: 20_000_000 });
  expect(res.body.failures.map((f: { code: string }) => f.code)).toEqual(['PROJECT_IN_PLANNING']);
});

test('invalid input is 400 VALIDATION_FAILED naming each bad field path, in Chinese', async () => {
  const res = await post({ ...enterprise, employees: -1, registeredOn: '2023-02-30' });
  expect(res.status).toBe(400);
  expect(res.body.error.code).toBe('VALIDATION_FAILED');
  const paths = res.body.error.details.fields.map((f: { path: string }) => f.path);
  expect(paths).toEqual(expect.arrayContaining(['body.employees', 'body.registeredOn']));
  expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
});

test('an unknown kind and Mongo-operator keys are refused with 400', async () => {
  expect((await post({ ...enterprise, kind: 'charity' })).status).toBe(400);
  const op = await post({ ...enterprise, employees: { $gt: 0 } });
  expect(op.status).toBe(400);
  const key = await post({ ...enterprise, $where: 'sleep(1000)' });
  expect(key.status).toBe(400);
});

test('the endpoint is in the OpenAPI document with its request and response schemas', async () => {
  const doc = (await request(app.callback()).get('/api/openapi.json')).body;
  const op = doc.paths['/api/eligibility/check'].post;
  expect(op.requestBody.content['application/json'].schema.oneOf ?? op.requestBody.content['application/json'].schema.anyOf).toHaveLength(2);
  expect(op.responses['200'].content['application/json'].schema.properties).toHaveProperty('annualCapFen');
  expect(op.security).toBeUndefined();
});
