/** @jest-environment jsdom */
/**
 * Asking for WeChat subscribe messages (issue #19) as the user meets it: a button at the moment that
 * matters (after a claim, after proposing, on the staff and expert desks) opens WeChat's own consent
 * sheet — from the tap itself, as WeChat requires, with this moment's one template — and WeChat's answer
 * is recorded in the BFF (which then sends one message per acceptance). `api` is a controlled fake; the
 * prompt and services/subscribe.ts are the app's code; Taro.requestSubscribeMessage plays WeChat.
 */
import '@testing-library/jest-dom';
import { act, fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { SubscriptionsAnswer } from '@kcq/shared';
import SubscribePrompt from '../components/SubscribePrompt';
import { api } from '../services/api';
import { askToSubscribe, loadTemplates, resetTemplates, SUBSCRIBE_RESULT_TEXT } from '../services/subscribe';

jest.mock('../services/api', () => ({ api: { subscriptions: jest.fn(), recordSubscriptions: jest.fn() } }));
const subscriptions = api.subscriptions as jest.MockedFunction<typeof api.subscriptions>;
const record = api.recordSubscriptions as jest.MockedFunction<typeof api.recordSubscriptions>;

const TEMPLATES: SubscriptionsAnswer = {
  templates: [
    { topic: 'registration_reminder', templateId: 'TPL-REG' },
    { topic: 'contract_result', templateId: 'TPL-RESULT' },
    { topic: 'new_proposal', templateId: 'TPL-PROPOSAL' },
    { topic: 'new_assignment', templateId: 'TPL-ASSIGN' },
  ],
  mine: [],
};

type WeChatAnswer = Awaited<ReturnType<typeof Taro.requestSubscribeMessage>>;

beforeEach(() => {
  resetTemplates();
  subscriptions.mockResolvedValue(TEMPLATES);
  record.mockResolvedValue(TEMPLATES);
});
afterEach(() => {
  subscriptions.mockReset();
  record.mockReset();
  jest.restoreAllMocks();
});

async function renderPrompt(topic: 'registration_reminder' | 'new_proposal' = 'registration_reminder') {
  render(<SubscribePrompt topic={topic} label='登记截止前微信提醒我' weapp />);
  // The templates are loaded when the prompt appears, before any tap.
  await act(async () => undefined);
  return screen.getByText('登记截止前微信提醒我').closest('button') as HTMLButtonElement;
}

describe('the subscribe prompt', () => {
  test('accept: WeChat is asked from the tap itself for this moment’s one template; the acceptance is recorded', async () => {
    const wechat = jest.spyOn(Taro, 'requestSubscribeMessage').mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', 'TPL-REG': 'accept' } as unknown as WeChatAnswer);
    const button = await renderPrompt();
    expect(subscriptions).toHaveBeenCalledTimes(1);
    expect(button).not.toBeDisabled();

    fireEvent.click(button);
    // Synchronously within the tap: nothing awaited before asking WeChat.
    expect(wechat).toHaveBeenCalledWith({ tmplIds: ['TPL-REG'] });
    await act(async () => undefined);
    expect(record).toHaveBeenCalledWith({ 'TPL-REG': 'accept' });
    expect(document.querySelector('#subscribe-registration_reminder')).toHaveAttribute('data-outcome', 'accepted');
    expect(screen.getByText(SUBSCRIBE_RESULT_TEXT.accepted)).toBeInTheDocument();
  });

  test('reject: recorded as such; the prompt says the message centre still has everything, and can ask again', async () => {
    jest.spyOn(Taro, 'requestSubscribeMessage').mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', 'TPL-PROPOSAL': 'reject' } as unknown as WeChatAnswer);
    const button = await renderPrompt('new_proposal');
    await act(async () => {
      fireEvent.click(button);
    });
    expect(record).toHaveBeenCalledWith({ 'TPL-PROPOSAL': 'reject' });
    expect(screen.getByText(SUBSCRIBE_RESULT_TEXT.rejected)).toBeInTheDocument();
    expect(SUBSCRIBE_RESULT_TEXT.rejected).toContain('消息中心');
    expect(button).not.toBeDisabled();
  });

  test('ban ("不再询问"): recorded, and the prompt says where to turn it back on', async () => {
    jest.spyOn(Taro, 'requestSubscribeMessage').mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', 'TPL-REG': 'ban' } as unknown as WeChatAnswer);
    const button = await renderPrompt();
    await act(async () => {
      fireEvent.click(button);
    });
    expect(record).toHaveBeenCalledWith({ 'TPL-REG': 'ban' });
    expect(screen.getByText(SUBSCRIBE_RESULT_TEXT.banned)).toBeInTheDocument();
  });

  test('subscribe messages switched off for the app (errCode 20004): nothing recorded, the user is told where to switch them on', async () => {
    jest.spyOn(Taro, 'requestSubscribeMessage').mockRejectedValue({ errMsg: 'requestSubscribeMessage:fail', errCode: 20004 });
    const button = await renderPrompt();
    await act(async () => {
      fireEvent.click(button);
    });
    expect(record).not.toHaveBeenCalled();
    expect(screen.getByText(SUBSCRIBE_RESULT_TEXT.switched_off)).toBeInTheDocument();
  });

  test('H5 (no WeChat): nothing is shown and nothing is loaded', async () => {
    render(<SubscribePrompt topic='registration_reminder' label='登记截止前微信提醒我' weapp={false} />);
    await act(async () => undefined);
    expect(document.querySelector('.subscribe-prompt')).toBeNull();
    expect(subscriptions).not.toHaveBeenCalled();
  });
});

test('at most 3 templates per request, and only WeChat’s known answers are recorded', async () => {
  await loadTemplates();
  const wechat = jest.spyOn(Taro, 'requestSubscribeMessage').mockResolvedValue({
    errMsg: 'requestSubscribeMessage:ok',
    'TPL-REG': 'accept',
    'TPL-RESULT': 'filter',
    'TPL-PROPOSAL': 'somethingNew',
  } as unknown as WeChatAnswer);
  expect(await askToSubscribe(['registration_reminder', 'contract_result', 'new_proposal', 'new_assignment'])).toBe('accepted');
  expect(wechat).toHaveBeenCalledWith({ tmplIds: ['TPL-REG', 'TPL-RESULT', 'TPL-PROPOSAL'] });
  expect(record).toHaveBeenCalledWith({ 'TPL-REG': 'accept', 'TPL-RESULT': 'filter' });
});
