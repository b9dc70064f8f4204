/**
 * What a shared card says and opens (issue #19, logic/share.ts): a service's detail page and an open
 * period, to a chat or to Moments. The opened path must carry the id of what was shared; the built weapp
 * answers these through onShareAppMessage / onShareTimeline (e2e/weapp-mount.test.ts opens the paths).
 */
import { HOME_PAGE, periodShare, periodTimeline, SERVICE_PAGE, serviceShare, serviceShareFallback, serviceTimeline, SHARE_IMAGE } from '../logic/share';

const service = { id: 'svc_AbC-12', name: 'X射线衍射物相分析', voucherEligible: true, unit: { name: '中国科学院物理研究所' } };
const period = { id: 'pd_9z', name: '2026年第四期创新券', maxVoucherFen: 5_000_000 };

test('a service: its name and unit (and that a voucher pays for it), the detail page with its id, the share picture', () => {
  expect(serviceShare(service)).toEqual({
    title: '可用创新券｜X射线衍射物相分析 · 中国科学院物理研究所',
    path: `${SERVICE_PAGE}?id=svc_AbC-12`,
    imageUrl: SHARE_IMAGE,
  });
  expect(serviceTimeline(service)).toEqual({ title: '可用创新券｜X射线衍射物相分析 · 中国科学院物理研究所', query: 'id=svc_AbC-12', imageUrl: SHARE_IMAGE });
  // A service a voucher cannot pay for does not say it can.
  expect(serviceShare({ ...service, voucherEligible: false }).title).toBe('X射线衍射物相分析 · 中国科学院物理研究所');
  // Before it loads, the card still opens the same service.
  expect(serviceShareFallback('svc_AbC-12').path).toBe(`${SERVICE_PAGE}?id=svc_AbC-12`);
});

test('an open period: its name and the largest voucher, the home page with the period id', () => {
  expect(periodShare(period)).toEqual({ title: '2026年第四期创新券正在发放，单张最高50,000.00 元', path: `${HOME_PAGE}?period=pd_9z`, imageUrl: SHARE_IMAGE });
  expect(periodTimeline(period)).toEqual({ title: '2026年第四期创新券正在发放，单张最高50,000.00 元', query: 'period=pd_9z', imageUrl: SHARE_IMAGE });
});

test('long titles are cut to two lines of WeChat’s card with an ellipsis; ids are encoded', () => {
  const long = serviceShare({ ...service, id: 'a b&c', name: '超长名称'.repeat(10) });
  expect([...long.title]).toHaveLength(32);
  expect(long.title.endsWith('…')).toBe(true);
  expect(long.path).toBe(`${SERVICE_PAGE}?id=a%20b%26c`);
});
