/** @jest-environment jsdom */
/**
 * 第十七条 on the claim sheet: a founder whose applicant was banned (the decision may come while the app is
 * open) taps 确认领取 and reads the refusal with the ban's last day and the day claiming is possible again,
 * as the BFF's APPLICANT_BANNED details give them. Taro and NutUI are the test doubles of support/.
 */
import '@testing-library/jest-dom';
import { act, fireEvent, render, screen } from '@testing-library/react';
import ClaimSheet from '../components/ClaimSheet';
import { api } from '../services/api';
import { ApiError } from '../services/client';
import { YUAN, openPeriod } from './support/fixtures';

jest.mock('../services/api', () => ({ api: { claim: jest.fn(), appealCase: jest.fn() } }));

const banned = () =>
  new ApiError(403, 'APPLICANT_BANNED', '因违规行为被取消三年申报资格（第十七条）：2026-12-05 至 2029-12-04（含），期间不能申领创新券；2029-12-05 起恢复', {
    caseId: 'mc_1',
    from: '2026-12-05',
    until: '2029-12-05',
    lastDay: '2029-12-04',
    clause: '第十七条',
  });

function renderSheet() {
  return render(
    <ClaimSheet
      visible
      period={openPeriod}
      allowanceFen={120_000 * YUAN}
      annualCapFen={200_000 * YUAN}
      nextPeriod={null}
      nowMs={Date.parse('2026-12-05T04:00:00.000Z')}
      onClose={jest.fn()}
      onClaimed={jest.fn()}
      onRefused={jest.fn()}
      onAction={jest.fn()}
    />,
  );
}

test('APPLICANT_BANNED: the sheet names the ban, its last day (inclusive) and the day claiming is possible again', async () => {
  jest.mocked(api.claim).mockRejectedValue(banned());
  renderSheet();
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: '确认领取' }));
  });
  expect(screen.getByText('申报资格已被取消')).toBeInTheDocument();
  const ban = document.getElementById('claim-ban')!;
  expect(ban).toHaveAttribute('data-until', '2029-12-05');
  expect(ban).toHaveTextContent('取消资格期限：2026年12月5日 至 2029年12月4日（含）');
  expect(ban).toHaveTextContent('2029年12月5日起可重新申领');
  expect(ban).toHaveTextContent('申诉一次');
});

test('another refusal shows no ban lines', async () => {
  jest.mocked(api.claim).mockRejectedValue(new ApiError(409, 'SOLD_OUT', '本期创新券已领完'));
  renderSheet();
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: '确认领取' }));
  });
  expect(document.getElementById('claim-result')).toHaveAttribute('data-code', 'SOLD_OUT');
  expect(document.getElementById('claim-ban')).toBeNull();
});
