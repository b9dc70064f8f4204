/**
 * What the Taro / NutUI test doubles (taro-components.tsx, nutui-react-taro.tsx) pass on to the DOM
 * element they draw: id, className and data-* / aria-* attributes, the ones a test (or an e2e selector)
 * finds things by. Everything else (Taro's and NutUI's own props: `round`, `block`, `fill`…) is dropped so
 * React does not warn about unknown DOM attributes.
 */
export function hostProps(props: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) {
    if (k === 'id' || k === 'className' || k.startsWith('data-') || k.startsWith('aria-')) out[k] = v;
  }
  return out;
}

export const cx = (...names: Array<string | false | null | undefined>): string => names.filter(Boolean).join(' ');
