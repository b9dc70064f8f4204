/** @jest-environment jsdom */
/**
 * components/Countdown.tsx rendered with React: the time left to a moment on the SERVER's clock, ticking
 * once a second as home drives it (useServerNow), and, in PeriodCard, the card that switches from 距开放 to
 * 领取 when it reaches zero. Jest's fake timers are the phone's clock; the server's is that plus the offset.
 */
import '@testing-library/jest-dom';
import { act, fireEvent, render, screen } from '@testing-library/react';
import Countdown from '../components/Countdown';
import PeriodCard from '../components/PeriodCard';
import { useServerNow } from '../components/hooks';
import { clockOffset } from '../logic/clock';
import type { PeriodView } from '../services/types';

const YUAN = 100;
const MINUTE = 60_000;
/** Opening: 2026-11-24 08:00 Beijing. */
const OPENS_AT = '2026-11-24T00:00:00.000Z';
/** The server's time in its answer: 3 days 4:05:06 before the opening. */
const SERVER_TIME = '2026-11-20T19:54:54.000Z';
/** The phone runs 5 minutes fast: its clock said this when the answer arrived. */
const PHONE_TIME = Date.parse(SERVER_TIME) + 5 * MINUTE;

const period: PeriodView = {
  id: 'p_4',
  name: '2026年第四期创新券',
  opensAt: OPENS_AT,
  closesAt: '2026-12-24T00:00:00.000Z',
  closedAt: null,
  quotaFen: 10_000_000 * YUAN,
  remainingFen: 10_000_000 * YUAN,
  maxVoucherFen: 50_000 * YUAN,
  perApplicantLimit: 1,
  status: 'upcoming',
};

/** As home does: the offset from the server's answer, then useServerNow re-reading the clock every second. */
function OnServerClock({ offsetMs, children }: { offsetMs: number; children: (nowMs: number) => JSX.Element }) {
  return children(useServerNow(offsetMs));
}

const countdown = () => document.getElementById('countdown')!;
/** The digit blocks a founder reads, e.g. ['3', '04', '05', '06']. */
const digits = () => Array.from(countdown().querySelectorAll('.countdown__digit'), (d) => d.textContent);
/** The whole countdown as one line (what a screen reader gets): "3天 04:05:06". */
const spoken = () => countdown().querySelector('[data-countdown]')!.getAttribute('data-countdown');

function tick(ms: number) {
  act(() => {
    jest.advanceTimersByTime(ms);
  });
}

beforeEach(() => {
  jest.useFakeTimers({ now: PHONE_TIME });
});

afterEach(() => {
  jest.useRealTimers();
});

describe('Countdown', () => {
  test('shows 距开放 and the days, hours, minutes and seconds left', () => {
    render(<Countdown id='countdown' label='距开放' targetMs={Date.parse(OPENS_AT)} nowMs={Date.parse(SERVER_TIME)} />);
    expect(countdown()).toHaveTextContent('距开放3天04:05:06');
    expect(digits()).toEqual(['3', '04', '05', '06']);
    expect(spoken()).toBe('3天 04:05:06');
  });

  test('under a day there is no day block', () => {
    render(<Countdown id='countdown' label='距结束' targetMs={Date.parse(OPENS_AT)} nowMs={Date.parse(OPENS_AT) - (4 * 60 + 5) * MINUTE - 6_000} />);
    expect(countdown()).toHaveTextContent('距结束04:05:06');
    expect(countdown()).not.toHaveTextContent('天');
    expect(spoken()).toBe('04:05:06');
  });

  test('counts on the server clock: a phone 5 minutes fast still shows the server’s time left', () => {
    const offsetMs = clockOffset(SERVER_TIME, Date.now());
    expect(offsetMs).toBe(-5 * MINUTE);
    render(<OnServerClock offsetMs={offsetMs}>{(now) => <Countdown id='countdown' label='距开放' targetMs={Date.parse(OPENS_AT)} nowMs={now} />}</OnServerClock>);
    // The phone's own clock would say 3天 04:00:06.
    expect(spoken()).toBe('3天 04:05:06');
  });

  test('ticks once a second with the clock', () => {
    render(<OnServerClock offsetMs={-5 * MINUTE}>{(now) => <Countdown id='countdown' label='距开放' targetMs={Date.parse(OPENS_AT)} nowMs={now} />}</OnServerClock>);
    tick(1_000);
    expect(digits()).toEqual(['3', '04', '05', '05']);
    tick(5_000);
    expect(spoken()).toBe('3天 04:05:00');
    tick(1_000);
    expect(spoken()).toBe('3天 04:04:59');
    tick(4 * 3_600_000 + 4 * MINUTE + 59_000);
    expect(spoken()).toBe('3天 00:00:00');
    tick(1_000);
    expect(spoken()).toBe('2天 23:59:59');
  });

  test('a late tick shows the real time left, not one second less (no drift)', () => {
    render(<OnServerClock offsetMs={-5 * MINUTE}>{(now) => <Countdown id='countdown' label='距开放' targetMs={Date.parse(OPENS_AT)} nowMs={now} />}</OnServerClock>);
    // The phone was busy: 2.5 s pass without a tick, then one tick fires.
    jest.setSystemTime(Date.now() + 2_500);
    tick(1_000);
    expect(spoken()).toBe('3天 04:05:03');
  });

  test('reaches 00:00:00 at the moment itself (not a second early) and stays there', () => {
    const target = Date.parse(SERVER_TIME) + 3_000;
    render(<OnServerClock offsetMs={-5 * MINUTE}>{(now) => <Countdown id='countdown' label='距开放' targetMs={target} nowMs={now} />}</OnServerClock>);
    expect(spoken()).toBe('00:00:03');
    tick(2_000);
    expect(spoken()).toBe('00:00:01');
    tick(999);
    expect(spoken()).toBe('00:00:01');
    tick(1);
    expect(countdown()).toHaveTextContent('距开放00:00:00');
    tick(10_000);
    expect(digits()).toEqual(['00', '00', '00']);
  });
});

describe('PeriodCard at zero', () => {
  test('switches from 即将开放 / 距开放 to 领取中 / 距结束 with 领取 at the server’s opening time, not the phone’s', () => {
    const onClaim = jest.fn();
    // Three seconds before the opening on the server clock; the phone, 5 minutes fast, is past it.
    jest.setSystemTime(Date.parse(OPENS_AT) - 3_000 + 5 * MINUTE);
    render(<OnServerClock offsetMs={-5 * MINUTE}>{(now) => <PeriodCard period={period} nowMs={now} onClaim={onClaim} />}</OnServerClock>);
    const card = () => document.getElementById('period-p_4')!;

    // The phone already reads past 08:00, the server does not: still upcoming, no 领取.
    expect(Date.now()).toBeGreaterThan(Date.parse(OPENS_AT));
    expect(card()).toHaveTextContent('即将开放');
    expect(card()).toHaveTextContent('距开放00:00:03');
    expect(card()).toHaveTextContent('本期总额度10,000,000.00 元');
    expect(screen.queryByRole('button', { name: '领取' })).toBeNull();

    tick(2_000);
    expect(card()).toHaveTextContent('距开放00:00:01');
    expect(screen.queryByRole('button', { name: '领取' })).toBeNull();

    tick(1_000);
    expect(card()).toHaveTextContent('领取中');
    expect(card()).not.toHaveTextContent('距开放');
    expect(card()).toHaveTextContent('距结束30天00:00:00');
    expect(card()).toHaveTextContent('剩余额度10,000,000.00 元 / 10,000,000.00 元');
    fireEvent.click(screen.getByRole('button', { name: '领取' }));
    expect(onClaim).toHaveBeenCalledWith(period);
  });
});
