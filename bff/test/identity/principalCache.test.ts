/**
 * The principal cache (domain/identity.ts): a burst of requests by the same users reads each user and
 * applicant once, yet any write to users or applicants applies on the very next request.
 */
import { EmbeddedStore } from '../../src/store/embedded';
import type { BaseDoc, CollectionSpec, Store } from '../../src/store';
import { enterpriseProfile, identityApp } from '../support/identity';

test('the same user twice: one principal object, frozen so that no request can change it for another', async () => {
  const t = identityApp();
  const alice = await t.signIn('alice');
  await t.as(alice).post('/api/applicants').send(enterpriseProfile());
  const first = await t.services.identity.load(alice.userId);
  const second = await t.services.identity.load(alice.userId);
  expect(second).toBe(first);
  expect(Object.isFrozen(first)).toBe(true);
  expect(Object.isFrozen(first!.applicant)).toBe(true);
  expect(Object.isFrozen(first!.applicant!.profile)).toBe(true);
  expect(() => {
    (first!.roles as string[]).push('admin');
  }).toThrow(TypeError);
});

test('a profile change and a role change apply on the next request', async () => {
  const t = identityApp();
  const admin = await t.signIn('admin');
  const alice = await t.signIn('alice');
  const created = await t.as(alice).post('/api/applicants').send(enterpriseProfile());
  expect(created.status).toBe(201);
  const before = await t.services.identity.load(alice.userId);
  expect(before?.roles).toEqual(['applicant']);

  const renamed = await t.as(alice).put(`/api/applicants/${created.body.id}`).send(enterpriseProfile({ name: '改名后的科技有限公司' }));
  expect(renamed.status).toBe(200);
  const after = await t.services.identity.load(alice.userId);
  expect(after).not.toBe(before);
  expect(after?.applicant?.profile).toMatchObject({ name: '改名后的科技有限公司' });

  expect((await t.as(alice).get('/api/admin/users')).status).toBe(403);
  expect((await t.as(admin).post(`/api/admin/users/${alice.userId}/roles`).send({ role: 'admin' })).status).toBe(200);
  expect((await t.as(alice).get('/api/admin/users')).status).toBe(200);
  expect((await t.as(admin).delete(`/api/admin/users/${alice.userId}/roles/admin`)).status).toBe(200);
  expect((await t.as(alice).get('/api/admin/users')).status).toBe(403);
});

test('a store other processes also write (no change stamp) is read on every request', async () => {
  const inner = EmbeddedStore.inMemory();
  // The same real store, reporting what the MongoDB adapter reports: no stamp, so nothing may be cached.
  const shared: Store = {
    kind: inner.kind,
    ping: () => inner.ping(),
    close: () => inner.close(),
    collection<T extends BaseDoc>(spec: CollectionSpec) {
      const c = inner.collection<T>(spec);
      return Object.assign(Object.create(c) as typeof c, { changeStamp: () => null });
    },
  };
  const t = identityApp({ store: shared });
  const alice = await t.signIn('alice');
  const first = await t.services.identity.load(alice.userId);
  const second = await t.services.identity.load(alice.userId);
  expect(second).toEqual(first);
  expect(second).not.toBe(first);
});
