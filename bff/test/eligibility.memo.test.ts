/**
 * 第七条 is evaluated once per applicant, profile version and Beijing day (Applicants.eligibilityOf,
 * shared by /api/me and the claim): the remembered answer must still change the moment the profile
 * does or the Beijing calendar day turns.
 */
import { Applicants } from '../src/domain/applicants';
import { ManualClock } from '../src/domain/clock';
import { EmbeddedStore } from '../src/store/embedded';
import { enterpriseProfile } from './support/identity';

// 23:59:59 Beijing on the 5th anniversary of registration: the last eligible day (第七条, 5-year window).
const lastSecond = new Date('2026-11-22T15:59:59.000Z');
const profile = enterpriseProfile({ registeredOn: '2021-11-22' }) as Parameters<Applicants['register']>[1];

async function setup() {
  const clock = new ManualClock(lastSecond);
  const store = new EmbeddedStore(null);
  const applicants = new Applicants(store, clock);
  const a = await applicants.register('u_owner', profile);
  return { clock, store, applicants, a };
}

test('the answer changes when the Beijing day turns, though the applicant did not', async () => {
  const { clock, applicants, a } = await setup();
  expect(applicants.eligibilityOf(a).eligible).toBe(true);
  expect(applicants.eligibilityOf(a).eligible).toBe(true);
  clock.advance(1_000); // 00:00:00 Beijing, the day after the 5th anniversary
  const after = applicants.eligibilityOf(a);
  expect(after.eligible).toBe(false);
  expect(after.failures.map((f) => f.clause)).toContain('第七条第一项');
});

test('the answer changes with the next profile version, and an older copy still gets its own answer', async () => {
  const { applicants, a } = await setup();
  expect(applicants.eligibilityOf(a).eligible).toBe(true);
  const edited = await applicants.update(a._id, 'u_owner', { ...profile, registeredInBeijing: false } as typeof profile);
  expect(edited.version).toBe(a.version + 1);
  expect(applicants.eligibilityOf(edited).eligible).toBe(false);
  expect(applicants.eligibilityOf(a).eligible).toBe(true);
  expect(applicants.eligibilityOf(edited).eligible).toBe(false);
});
