/**
 * What a page walk checks on each screen, in the page itself: tap targets under 44×44 CSS px, anything
 * wider than the screen, developer words in the visible text, and the H5 title bar.
 *
 * A tap target is an input, textarea, select, button or link, or any element React gave an onClick
 * (Taro's H5 Views carry their handlers as React props, so `__reactProps$…` says what a thumb can hit).
 */
import type { Page } from 'playwright-core';

export const MIN_TAP_PX = 44;
/** Words only a developer would write (the list). */
export const DEVELOPER_WORDS = /\b(embedded|redis|mongo|undefined|null|NaN)\b|dev-|min\(/i;

export interface Finding {
  kind: 'tap' | 'overflow' | 'dev_text' | 'no_title';
  what: string;
}

export async function auditPage(page: Page): Promise<{ findings: Finding[]; title: string; targets: number }> {
  return page.evaluate(
    ({ min, words }) => {
      const re = new RegExp(words, 'i');
      const vw = document.documentElement.clientWidth;
      const findings: { kind: 'tap' | 'overflow' | 'dev_text' | 'no_title'; what: string }[] = [];
      const shown = (el: Element) => {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) return false;
        const cs = getComputedStyle(el);
        if (cs.visibility === 'hidden' || Number(cs.opacity) === 0) return false;
        return (el as HTMLElement).checkVisibility ? (el as HTMLElement).checkVisibility() : true;
      };
      const reactProps = (el: Element): Record<string, unknown> | null => {
        const key = Object.keys(el).find((k) => k.startsWith('__reactProps$'));
        return key ? ((el as unknown as Record<string, Record<string, unknown>>)[key] ?? null) : null;
      };
      type Fiber = { type: unknown; memoizedProps?: Record<string, unknown> | null; return: Fiber | null; child: Fiber | null };
      const fiberOf = (el: Element): Fiber | null => {
        const key = Object.keys(el).find((k) => k.startsWith('__reactFiber$'));
        return key ? ((el as unknown as Record<string, Fiber>)[key] ?? null) : null;
      };
      // NutUI gives many components a do-nothing onClick by default (Tag, Icon, a plain Cell): not a target.
      const real = (fn: unknown) => typeof fn === 'function' && !/^(function\s*\w*\s*\([^)]*\)\s*\{\s*\}|\([^)]*\)\s*=>\s*\{\s*\}|\w+\s*=>\s*\{\s*\})$/.test(String(fn).trim());
      const tappable = (el: Element) => {
        // The date/time wheel's 取消 and 确定 (Taro's H5 picker: Stencil handlers, not React's). Its rows are a
        // wheel a thumb turns, drawn at the wheel's fixed 34 px pitch, not buttons.
        if (el.matches('input:not([type=hidden]):not([type=file]), textarea, select, button, a[href], .taro-navigation-bar-back, .taro-navigation-bar-home, .weui-picker__action')) return true;
        // NutUI's Tag and Icon hand a do-nothing default onClick to their inner View: labels, not targets.
        if (el.matches('.nut-tag, .nut-icon')) return false;
        // The outermost handler along the chain is the one the screen's code passed: NutUI's Tag and
        // Icon forward a do-nothing default through an inner View, which is not a target.
        let outermost: unknown = reactProps(el)?.onClick ?? reactProps(el)?.onTap;
        // Only along first children: a component's second host (a Cell's divider) is not what its onClick is on.
        let node = fiberOf(el);
        for (let f = node?.return ?? null; f && node && typeof f.type !== 'string'; node = f, f = f.return) {
          if (f.child !== node) break;
          const p = f.memoizedProps;
          if (p && (p.onClick !== undefined || p.onTap !== undefined)) outermost = p.onClick ?? p.onTap;
        }
        if (real(outermost)) return true;
        return false;
      };
      const label = (el: Element) => {
        const id = el.id ? `#${el.id}` : '';
        const cls = typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).slice(0, 2).join('.')}` : '';
        const text = ((el as HTMLElement).innerText || (el as HTMLInputElement).placeholder || '').trim().replace(/\s+/g, ' ').slice(0, 24);
        return `${el.tagName.toLowerCase()}${id}${cls} "${text}"`;
      };
      // Inside a horizontally scrolling strip, being wider than the screen is the point.
      const inScroller = (el: Element) => {
        for (let p = el.parentElement; p; p = p.parentElement) {
          const ox = getComputedStyle(p).overflowX;
          if (ox === 'auto' || ox === 'scroll' || ox === 'hidden') return true;
        }
        return false;
      };

      let targets = 0;
      const seen = new Set<Element>();
      for (const el of Array.from(document.querySelectorAll('body *'))) {
        if (!tappable(el) || !shown(el)) continue;
        // The input of a Taro <Input> fills its wrapper: the wrapper is what a thumb hits.
        const target = el.matches('input, textarea') && el.parentElement?.matches('taro-input-core, taro-textarea-core') ? el.parentElement : el;
        if (seen.has(target)) continue;
        seen.add(target);
        targets += 1;
        const r = target.getBoundingClientRect();
        if (r.width < min - 0.5 || r.height < min - 0.5) findings.push({ kind: 'tap', what: `${label(target)} ${Math.round(r.width)}×${Math.round(r.height)}` });
        if ((target as HTMLElement).scrollWidth > (target as HTMLElement).clientWidth + 2 && !inScroller(target)) {
          findings.push({ kind: 'overflow', what: `text overflows ${label(target)}` });
        }
      }
      if (document.documentElement.scrollWidth > vw + 1) findings.push({ kind: 'overflow', what: `page ${document.documentElement.scrollWidth}px wide on a ${vw}px screen` });
      for (const el of Array.from(document.querySelectorAll('body *'))) {
        if (!shown(el) || el.children.length > 0) continue;
        const r = el.getBoundingClientRect();
        if (r.right > vw + 1 && !inScroller(el)) findings.push({ kind: 'overflow', what: `${label(el)} ends at ${Math.round(r.right)}px` });
      }
      const text = document.body.innerText;
      for (const line of text.split('\n')) {
        if (re.test(line)) findings.push({ kind: 'dev_text', what: line.trim().slice(0, 80) });
      }
      const bar = document.getElementById('taro-navigation-bar');
      const titleEl = bar?.querySelector('.taro-navigation-bar-title');
      const title = bar && shown(bar) ? ((titleEl as HTMLElement | null)?.innerText ?? '').trim() : '';
      if (!title) findings.push({ kind: 'no_title', what: `no title bar (document.title "${document.title}")` });
      return { findings, title, targets };
    },
    { min: MIN_TAP_PX, words: DEVELOPER_WORDS.source },
  );
}
