/**
 * The panel's opinion (第十五条4 Decision): each expert of an odd panel says pass, fail or doubtful (存疑);
 * the opinion held by more than half of the panel is the panel's. Known as soon as a majority exists;
 * when everyone has answered and no opinion has a majority (1–1–1), the panel's opinion is doubtful.
 */
export const OPINIONS = ['pass', 'fail', 'doubtful'] as const;
export type Opinion = (typeof OPINIONS)[number];

export const OPINION_LABELS: Readonly<Record<Opinion, string>> = { pass: '通过', fail: '不通过', doubtful: '存疑' };

/** The panel's opinion, or null while it is not known yet. */
export function panelOpinion(opinions: Opinion[], panelSize: number): Opinion | null {
  for (const o of OPINIONS) if (opinions.filter((x) => x === o).length * 2 > panelSize) return o;
  return opinions.length >= panelSize ? 'doubtful' : null;
}

export type Decision = 'approve' | 'reject';

/**
 * Whether the administrator's decision departs from the panel (then a written reason is required):
 * approving against "fail", rejecting against "pass"; on a doubtful panel, deciding other than a recorded
 * site visit or hearing recommends, or with none recorded.
 */
export function againstPanel(decision: Decision, panel: Opinion, followUpOutcome: 'pass' | 'fail' | null): boolean {
  const wanted = decision === 'approve' ? 'pass' : 'fail';
  if (panel === 'doubtful') return followUpOutcome !== wanted;
  return panel !== wanted;
}
