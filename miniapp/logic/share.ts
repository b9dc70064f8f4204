/**
 * What a shared card says and opens (issue #19): a service's detail page and an open period, shared to a
 * chat (onShareAppMessage) or to Moments (onShareTimeline). The path carries the id, so whoever opens it
 * lands on that service or period — signed in or not: both pages are public.
 * WeChat shows up to two lines of title; longer titles are cut here with an ellipsis.
 */
import { formatFen } from '@kcq/shared';

/** A 5:4 picture (WeChat's share card ratio), in the package (config/index.ts copies assets/share). */
export const SHARE_IMAGE = '/assets/share/voucher.png';
export const SERVICE_PAGE = '/catalogue/service/index';
export const HOME_PAGE = '/pages/index/index';
const TITLE_MAX = 32;

export interface ShareCard {
  title: string;
  path: string;
  imageUrl: string;
}

/** Moments opens the sharing page itself, with `query`. */
export interface TimelineCard {
  title: string;
  query: string;
  imageUrl: string;
}

function cut(s: string, max = TITLE_MAX): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}

const query = (q: Record<string, string>) =>
  Object.entries(q)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');

export interface SharedService {
  id: string;
  name: string;
  voucherEligible: boolean;
  unit: { name: string };
}

function serviceTitle(s: SharedService): string {
  return cut(`${s.voucherEligible ? '可用创新券｜' : ''}${s.name} · ${s.unit.name}`);
}

export function serviceShare(s: SharedService): ShareCard {
  return { title: serviceTitle(s), path: `${SERVICE_PAGE}?${query({ id: s.id })}`, imageUrl: SHARE_IMAGE };
}

export function serviceTimeline(s: SharedService): TimelineCard {
  return { title: serviceTitle(s), query: query({ id: s.id }), imageUrl: SHARE_IMAGE };
}

/** Before the service has loaded (or when it is gone), the card still opens the same page. */
export function serviceShareFallback(id: string): ShareCard {
  return { title: '首都科技创新券 · 开放实验室服务', path: `${SERVICE_PAGE}?${query({ id })}`, imageUrl: SHARE_IMAGE };
}

export interface SharedPeriod {
  id: string;
  name: string;
  maxVoucherFen: number;
}

function periodTitle(p: SharedPeriod): string {
  return cut(`${p.name}正在发放，单张最高${formatFen(p.maxVoucherFen)}`);
}

/** An open period: the home page, which shows it (and its 领取 button), with the period's id. */
export function periodShare(p: SharedPeriod): ShareCard {
  return { title: periodTitle(p), path: `${HOME_PAGE}?${query({ period: p.id })}`, imageUrl: SHARE_IMAGE };
}

export function periodTimeline(p: SharedPeriod): TimelineCard {
  return { title: periodTitle(p), query: query({ period: p.id }), imageUrl: SHARE_IMAGE };
}

/** Home with no open period: the scheme itself. */
export const HOME_SHARE: ShareCard = { title: '首都科技创新券：企业与创业团队在线领券', path: HOME_PAGE, imageUrl: SHARE_IMAGE };
