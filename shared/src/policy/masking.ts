/**
 * Name masking for public notices (第十八条 public supervision; 第九条3 confidentiality): the notice of
 * approved redemptions names the applicant the way the commission publishes it — part of the name hidden
 * by asterisks, e.g. 北京智感科技有限公司 → 北京智**技有限公司.
 *
 * **Decision** (the rules say nothing of the format): for a name of n characters (Unicode code points),
 * keep the first ⌊0.3·n⌋ (at least 1), replace the next max(1, round(0.2·n)) by `*`, keep the rest.
 * So 10 characters → 3 kept, 2 masked, 5 kept; a two-character name → 1 kept, 1 masked; one → `*`.
 */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  const n = chars.length;
  if (n === 0) return '';
  if (n === 1) return '*';
  const head = Math.max(1, Math.floor(n * 0.3));
  const stars = Math.max(1, Math.round(n * 0.2));
  const masked = Math.min(stars, n - head);
  return chars.slice(0, head).join('') + '*'.repeat(masked) + chars.slice(head + masked).join('');
}
