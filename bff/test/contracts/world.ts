/**
 * A small world for the contract suites: applicants A (enterprise) and B (team), open units X and Y, each
 * with a lab and a voucher-eligible service, staff X and Y, an administrator, and an open period. The
 * clock starts at `start` (Beijing); every voucher is claimed over HTTP.
 */
import { serviceInputSchema } from '../../src/domain/catalogue';
import type { Store } from '../../src/store';
import type { AppDeps } from '../../src/app';
import { ManualClock } from '../../src/domain/clock';
import { enterpriseProfile, identityApp, teamProfile, type IdentityApp, type Session } from '../support/identity';

export const DAY = 86_400_000;

/** A Beijing wall-clock time → UTC instant. */
export const bj = (local: string) => new Date(`${local.replace(' ', 'T')}+08:00`);

export interface World {
  t: IdentityApp;
  A: Session;
  B: Session;
  X: Session;
  Y: Session;
  admin: Session;
  applicantA: string;
  applicantB: string;
  unitX: string;
  unitY: string;
  serviceX: string;
  serviceY: string;
  period: string;
}

export async function buildWorld(store: Store, start: Date, over: Partial<AppDeps> = {}, env: Record<string, string> = {}): Promise<World> {
  // Tokens outlive the clock jumps of these suites (months), so sessions stay signed in.
  const t = identityApp({
    store,
    clock: new ManualClock(start),
    over,
    env: { ACCESS_TOKEN_TTL: String(800 * 86_400), REFRESH_TOKEN_TTL: String(800 * 86_400), ...env },
  });
  const [A, B, X, Y, admin] = await Promise.all(['alice', 'bob', 'xavier', 'yolanda', 'admin'].map((n) => t.signIn(n)));
  const { applicants, openUnits, invites, catalogue, periods } = t.services;
  const applicantA = (await applicants.register(A.userId, enterpriseProfile() as never))._id;
  const applicantB = (await applicants.register(B.userId, teamProfile() as never))._id;
  const unitX = (await openUnits.create('开放单位X'))._id;
  const unitY = (await openUnits.create('开放单位Y'))._id;
  await invites.bindDirectly(X.userId, unitX, true, admin.userId);
  await invites.bindDirectly(Y.userId, unitY, true, admin.userId);
  const service = async (unit: string, name: string) => {
    const lab = await catalogue.addLab(unit, { name: `${name}实验室`, level: 'national_key_lab', fields: ['new_materials'], description: null });
    const s = serviceInputSchema.parse({
      labId: lab._id,
      name,
      category: 'analysis',
      instrument: { name: 'X射线衍射仪', model: 'D8 Advance', maker: '布鲁克' },
      priceFen: 30_000,
      priceUnit: 'sample',
      leadTimeDays: 3,
    });
    return (await catalogue.addService(unit, s))._id;
  };
  const serviceX = await service(unitX, 'X射线衍射物相分析');
  const serviceY = await service(unitY, '扫描电镜形貌分析');
  const p = await periods.create(
    {
      name: '合同测试期',
      opensAt: new Date(start.getTime() - 3_600_000),
      closesAt: new Date(start.getTime() + 200 * DAY),
      quotaFen: 100_000_000,
      maxVoucherFen: 5_000_000,
      perApplicantLimit: 5,
    },
    admin.userId,
  );
  return { t, A, B, X, Y, admin, applicantA, applicantB, unitX, unitY, serviceX, serviceY, period: p._id };
}

let keys = 0;

/** Claims a voucher over HTTP as `who` and returns its id. */
export async function claim(w: World, who: Session, amountFen = 5_000_000): Promise<string> {
  const res = await w.t
    .as(who)
    .post(`/api/periods/${w.period}/claims`)
    .set('Idempotency-Key', `contracts-test-${++keys}-${Date.now()}`)
    .send({ amountFen });
  if (res.status !== 201) throw new Error(`claim failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

export const project = { title: '新型锂电池隔膜材料物相分析', description: '对三种隔膜涂层样品做XRD物相分析，确定晶相组成（保密）。' };

export function propose(w: World, voucherId: string, over: Record<string, unknown> = {}) {
  return w.t
    .as(w.A)
    .post('/api/contracts')
    .send({ voucherId, serviceId: w.serviceX, project, municipalFundingReceived: false, ...over });
}

export const terms = (over: Record<string, unknown> = {}) => ({
  contractNo: 'HT-2026-001',
  contractAmountFen: 200_000,
  startDay: '2026-06-01',
  endDay: '2026-07-31',
  voucherAmountFen: 100_000,
  ...over,
});

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR-fake-png-body')]);
export const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF-fake-jpeg-body')]);
