/**
 * Helpers for the review, notice and payment suites (第十五条4、5): experts made over the API, a redemption
 * taken through a round (every expert passes) and a decision, and through a notice to payable.
 */
import type { Session } from '../support/identity';
import { PDF, propose, terms, type World } from '../contracts/world';

export interface ExpertSession extends Session {
  expertId: string;
}

/** Creates an expert profile and binds a fresh user to it (administrator binding). */
export async function makeExpert(
  w: World,
  name: string,
  over: { organisation?: string; fields?: string[]; ties?: object[] } = {},
): Promise<ExpertSession> {
  const { t, admin } = w;
  const body = { name: `专家${name}`, organisation: over.organisation ?? `${name}研究院`, fields: over.fields ?? ['new_materials'], ties: over.ties ?? [] };
  const expertId = (await t.as(admin).post('/api/admin/experts').send(body).expect(201)).body.id as string;
  const s = await t.signIn(`expert-${name}`);
  await t.as(admin).post(`/api/admin/experts/${expertId}/bind`).send({ userId: s.userId }).expect(200);
  return { ...s, expertId };
}

/** A registered contract of A with unit X, evidence and a submitted redemption; returns ids. */
export async function submittedRedemption(w: World, voucherId: string, contractNo = 'HT-2026-001') {
  const { t, X } = w;
  const id = (await propose(w, voucherId).expect(201)).body.id as string;
  await t.as(X).post(`/api/contracts/${id}/confirm`).send(terms({ contractNo })).expect(200);
  const ev = (await t.as(X).post(`/api/contracts/${id}/evidence`).attach('files', PDF, { filename: '检测报告.pdf', contentType: 'application/pdf' }).expect(201)).body
    .evidence;
  const r = await t.as(X).post(`/api/contracts/${id}/redemption`).send({ actualAmountFen: 180_000, report: '完成样品分析，出具报告。', evidenceIds: [ev[0].id] }).expect(201);
  return { contractId: id, redemptionId: r.body.id as string, evidenceId: ev[0].id as string };
}

/** Opens a round over the submitted redemptions; every panel member passes; the administrator approves. */
export async function approveAll(w: World, experts: ExpertSession[], name = '评审批次'): Promise<string[]> {
  const { t, admin } = w;
  const round = (await t.as(admin).post('/api/admin/review-rounds').send({ name, panelSize: Math.min(3, experts.length) }).expect(201)).body;
  for (const item of round.items) {
    for (const m of item.panel) {
      const e = experts.find((x) => x.expertId === m.expertId)!;
      await t.as(e).post(`/api/expert/assignments/${item.id}/opinion`).send({ opinion: 'pass', comment: '材料齐全' }).expect(200);
    }
    await t.as(admin).post(`/api/admin/review-items/${item.id}/decision`).send({ decision: 'approve' }).expect(200);
  }
  return round.items.map((i: { redemptionId: string }) => i.redemptionId);
}
