/**
 * Many eligible applicants at once, written straight into a store, with access tokens signed by the
 * same Sessions code the BFF verifies with: what a load test or a burst test needs in seconds.
 */
import { Sessions } from '../../src/domain/sessions';
import { USERS, type User } from '../../src/domain/users';
import { APPLICANTS, type Applicant } from '../../src/domain/applicants';
import { newId } from '../../src/domain/ids';
import { systemClock, type Clock } from '../../src/domain/clock';
import type { Store } from '../../src/store';
import { creditCode, enterpriseProfile, student, teamProfile } from './identity';

export interface Claimant {
  userId: string;
  applicantId: string;
  token: string;
}

/** `kind` team (200,000-yuan cap) or enterprise (certified high-tech: 500,000-yuan cap, 第十二条). */
export async function seedClaimants(
  store: Store,
  count: number,
  opts: { secret: string; clock?: Clock; kind?: 'team' | 'enterprise'; accessTtl?: number; offset?: number },
): Promise<Claimant[]> {
  const clock = opts.clock ?? systemClock;
  const sessions = new Sessions(store, clock, { secret: opts.secret, accessTtl: opts.accessTtl ?? 3_600, refreshTtl: 86_400 });
  const users = store.collection<User>(USERS);
  const applicants = store.collection<Applicant>(APPLICANTS);
  const now = clock.now();
  const out: Claimant[] = [];
  for (let i = 0; i < count; i++) {
    const n = (opts.offset ?? 0) + i;
    const userId = newId('u');
    const applicantId = newId('ap');
    await users.insert({ _id: userId, openid: `load-${n}-${userId}`, isAdmin: false, staff: null, createdAt: now, updatedAt: now });
    const profile =
      opts.kind === 'enterprise'
        ? enterpriseProfile({ name: `北京压测科技有限公司${n}`, creditCode: creditCode(100_000 + n), highTechCertified: true })
        : {
            ...teamProfile({ name: `压测团队${n}` }),
            leader: student(`队长${n}`),
            members: [{ ...student(`成员${n}`), id: newId('m') }],
          };
    await applicants.insert({
      _id: applicantId,
      kind: profile.kind as 'team' | 'enterprise',
      ownerId: userId,
      ...(profile.kind === 'enterprise' ? { creditCode: (profile as { creditCode: string }).creditCode } : {}),
      profile: profile as never,
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
    const token = sessions.signAccess({ sub: userId, roles: ['applicant'], aid: applicantId, ouid: null }).token;
    out.push({ userId, applicantId, token });
  }
  return out;
}
