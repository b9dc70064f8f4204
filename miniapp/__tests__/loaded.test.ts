import type { ReactElement } from 'react';
import { ApiError, NETWORK_ERROR } from '../services/client';
import { describeError, errorLine } from '../services/errors';

// Loaded uses no hooks: called as a function, it answers the element tree it would draw.
jest.mock('@tarojs/components', () => ({ View: 'View' }));
jest.mock('@nutui/nutui-react-taro', () => ({ Skeleton: 'Skeleton', Button: 'Button', Empty: 'Empty' }));

const { default: Loaded, PageCard } = require('../components/Loaded') as typeof import('../components/Loaded');
const { default: EmptyState } = require('../components/EmptyState') as typeof import('../components/EmptyState');

type El = ReactElement<Record<string, unknown> & { children?: unknown }>;
const reload = () => undefined;
const offline = new ApiError(0, NETWORK_ERROR, 'fetch failed');
const missing = new ApiError(404, 'NOT_FOUND', '合同不存在');

/** The one EmptyState in what Loaded drew (inside the `.page` or not). */
function card(el: El): Record<string, unknown> {
  const inner = el.props.children as El;
  expect(inner.type).toBe(EmptyState);
  return inner.props;
}

describe('Loaded', () => {
  test('draws skeleton cards while loading, one per rows entry', () => {
    const el = Loaded({ state: { kind: 'loading' }, reload, rows: [5, 3], children: () => null }) as El;
    const cards = el.props.children as El[];
    expect(cards.map((c) => [c.props.className, (c.props.children as El).props.rows])).toEqual([
      ['skeleton-card', 5],
      ['skeleton-card', 3],
    ]);
    // Six rows in one card unless told.
    const one = Loaded({ state: { kind: 'loading' }, reload, page: true, children: () => null }) as El;
    expect(one.type).toBe('View');
    expect(one.props.className).toBe('page');
    expect((one.props.children as El[]).map((c) => (c.props.children as El).props.rows)).toEqual([6]);
  });

  test('a failed load: the error’s own title and message, or 加载失败 over errorLine; 重新加载 reloads', () => {
    const own = card(Loaded({ state: { kind: 'error', error: offline }, reload, page: true, children: () => null }) as El);
    const v = describeError(offline);
    expect(own).toMatchObject({ status: 'network', title: v.title, description: v.message });
    expect(own.action).toEqual({ text: '重新加载', onClick: reload });

    const plain = card(Loaded({ state: { kind: 'error', error: offline }, reload, errorTitle: '加载失败', children: () => null }) as El);
    expect(plain).toMatchObject({ status: 'network', title: '加载失败', description: errorLine(offline) });
  });

  test('NOT_FOUND is a network fault unless notFound says otherwise', () => {
    const error = { kind: 'error' as const, error: missing };
    expect(card(Loaded({ state: error, reload, children: () => null }) as El).status).toBe('network');
    const v = describeError(missing);
    expect(card(Loaded({ state: error, reload, notFound: true, children: () => null }) as El)).toMatchObject({
      status: 'empty',
      title: v.title,
      description: v.message,
      action: { text: '重新加载', onClick: reload },
    });
    const gone = { title: '该开放单位暂不开放', action: { text: '返回', onClick: reload } };
    expect(card(Loaded({ state: error, reload, notFound: gone, children: () => null }) as El)).toEqual(gone);
    // Other errors keep the failed card.
    expect(card(Loaded({ state: { kind: 'error', error: offline }, reload, notFound: gone, children: () => null }) as El).status).toBe('network');
  });

  test('hands the data to children once ready', () => {
    const el = Loaded({ state: { kind: 'ready', data: { n: 3 } }, reload, page: true, children: ({ n }) => `n=${n}` }) as El;
    expect(el.props.children).toBe('n=3');
  });

  test('PageCard is one EmptyState in a .page', () => {
    const el = PageCard({ id: 'x', title: 't' }) as El;
    expect(el.props.className).toBe('page');
    expect((el.props.children as El).props).toEqual({ id: 'x', title: 't' });
  });
});
