/** @jest-environment jsdom */
/**
 * WeChat's privacy check as the user meets it (issue #19): the evidence picker asks WeChat for files;
 * WeChat, the user not having agreed to the privacy guide yet, holds the call and asks the app
 * (wx.onNeedPrivacyAuthorization). The popup (components/PrivacyPopup.tsx) shows what the agreement is
 * for, links the guide, and answers WeChat: 同意并继续 (WeChat's open-type="agreePrivacyAuthorization"
 * button) lets the picker run; 不同意 makes it fail with errno 104, and the picker says, in words, that
 * only this feature is unavailable. `wechatPicker` below plays WeChat's part (as documented for
 * wx.onNeedPrivacyAuthorization); the popup, the gate and the picker are the app's real code.
 */
import '@testing-library/jest-dom';
import { useState } from 'react';
import { act, fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import EvidencePicker from '../components/EvidencePicker';
import PrivacyPopup from '../components/PrivacyPopup';
import PrivacyGuide, { PRIVACY_SECTIONS } from '../my/privacy/index';
import { api } from '../services/api';
import { AGREE_BUTTON_ID, PRIVACY_DECLINED, PRIVACY_GUIDE_PAGE, PrivacyGate, privacyGate, type PrivacyResolve } from '../services/privacy';
import type { EvidenceView } from '../services/types';

jest.mock('../services/api', () => ({ api: { uploadEvidence: jest.fn() } }));
const upload = api.uploadEvidence as jest.MockedFunction<typeof api.uploadEvidence>;

type ChooseResult = Awaited<ReturnType<typeof Taro.chooseMessageFile>>;
const picked: ChooseResult = { errMsg: 'chooseMessageFile:ok', tempFiles: [{ path: 'wxfile://tmp_9.pdf', name: '发票.pdf', size: 1000, time: 0, type: 'file' }] };

/**
 * WeChat's side of chooseMessageFile for a user who has not agreed yet: the app's handler is called with a
 * resolve; 'agree' runs the picker, 'disagree' fails it with errno 104.
 */
function wechatPicker() {
  let handler: ((resolve: PrivacyResolve, info: { referrer: string }) => void) | null = null;
  const gate = new PrivacyGate();
  gate.install({ onNeedPrivacyAuthorization: (l) => void (handler = l) });
  const answers: unknown[] = [];
  const choose = () =>
    new Promise<ChooseResult>((resolve, reject) => {
      handler!((r) => {
        answers.push(r);
        if (r.event === 'agree') resolve(picked);
        else reject({ errMsg: 'chooseMessageFile:fail privacy permission is not authorized', errno: 104 });
      }, { referrer: 'chooseMessageFile' });
    });
  return { gate, choose, answers };
}

function Host() {
  const [files, setFiles] = useState<EvidenceView[]>([]);
  return <EvidencePicker contractId='ct_1' files={files} onChange={setFiles} h5={false} />;
}

afterEach(() => {
  upload.mockReset();
  jest.restoreAllMocks();
});

describe('the privacy popup', () => {
  test('shows what the agreement is for and links the guide; agreeing answers WeChat with the agree button and closes', async () => {
    const wechat = wechatPicker();
    const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' });
    render(<PrivacyPopup gate={wechat.gate} />);
    expect(document.querySelector('#privacy-popup')).toBeNull();

    let result: Promise<ChooseResult> = Promise.resolve(picked);
    act(() => {
      result = wechat.choose();
    });
    const popup = document.querySelector('#privacy-popup') as HTMLElement;
    expect(popup).toHaveTextContent('隐私保护提示');
    expect(popup).toHaveTextContent('为了从聊天中选择证明材料文件，需要您先阅读并同意');
    expect(popup).toHaveTextContent('不同意也可以继续使用其他功能');
    fireEvent.click(screen.getByText('《科创券小程序隐私保护指引》'));
    expect(nav).toHaveBeenCalledWith({ url: PRIVACY_GUIDE_PAGE });

    // WeChat's own consent button: open-type agreePrivacyAuthorization, its id passed back as buttonId.
    const agree = screen.getByText('同意并继续');
    expect(agree).toHaveAttribute('data-open-type', 'agreePrivacyAuthorization');
    await act(async () => {
      fireEvent.click(agree);
    });
    await expect(result).resolves.toBe(picked);
    expect(wechat.answers).toEqual([{ event: 'agree', buttonId: AGREE_BUTTON_ID }]);
    expect(document.querySelector('#privacy-popup')).toBeNull();
  });

  test('declining answers WeChat "disagree" and closes; WeChat then fails the API with errno 104', async () => {
    const wechat = wechatPicker();
    render(<PrivacyPopup gate={wechat.gate} />);
    let result: Promise<ChooseResult> = Promise.resolve(picked);
    act(() => {
      result = wechat.choose();
      result.catch(() => undefined);
    });
    await act(async () => {
      fireEvent.click(screen.getByText('不同意'));
    });
    await expect(result).rejects.toMatchObject({ errno: 104 });
    expect(wechat.answers).toEqual([{ event: 'disagree' }]);
    expect(document.querySelector('#privacy-popup')).toBeNull();
  });

  test('H5 (no WeChat privacy check): nothing is installed and no popup ever shows', () => {
    expect(new PrivacyGate().install(undefined)).toBe(false);
    expect(new PrivacyGate().install({})).toBe(false);
  });
});

describe('the evidence picker behind the privacy check', () => {
  /** The app's gate wired to a WeChat that asks before chooseMessageFile. */
  function wechatAskingTheAppGate() {
    let handler: ((resolve: PrivacyResolve, info: { referrer: string }) => void) | null = null;
    // The app installs its one gate at launch (app.tsx); here, on a WeChat double.
    privacyGate.install({ onNeedPrivacyAuthorization: (l) => void (handler = l) });
    jest.spyOn(Taro, 'chooseMessageFile').mockImplementation(
      () =>
        new Promise((resolve, reject) => {
          if (!handler) throw new Error('the app installed no privacy handler');
          handler((r) => (r.event === 'agree' ? resolve(picked) : reject({ errMsg: 'chooseMessageFile:fail privacy permission is not authorized', errno: 104 })), {
            referrer: 'chooseMessageFile',
          });
        }) as ReturnType<typeof Taro.chooseMessageFile>,
    );
  }

  test('agree: the popup appears over the picker, and after 同意并继续 the chosen file is sent', async () => {
    wechatAskingTheAppGate();
    upload.mockResolvedValue({ stored: [], refused: [] });
    render(<Host />);
    await act(async () => {
      fireEvent.click(screen.getByText('从聊天选择文件'));
    });
    expect(document.querySelector('#privacy-popup')).toHaveTextContent('从聊天中选择证明材料文件');
    expect(upload).not.toHaveBeenCalled();
    await act(async () => {
      fireEvent.click(screen.getByText('同意并继续'));
    });
    expect(upload).toHaveBeenCalledWith('ct_1', [{ path: 'wxfile://tmp_9.pdf', name: '发票.pdf', size: 1000, type: '' }], expect.any(Function));
    expect(document.querySelector('#privacy-popup')).toBeNull();
  });

  test('decline: nothing is sent, the picker says why and that the rest works, and can ask again', async () => {
    wechatAskingTheAppGate();
    render(<Host />);
    await act(async () => {
      fireEvent.click(screen.getByText('从聊天选择文件'));
    });
    await act(async () => {
      fireEvent.click(screen.getByText('不同意'));
    });
    expect(upload).not.toHaveBeenCalled();
    expect(document.querySelector('.upload-error')).toHaveTextContent(PRIVACY_DECLINED.file);
    expect(PRIVACY_DECLINED.file).toContain('其他操作不受影响');
    // The buttons are still there: tapping again asks again.
    await act(async () => {
      fireEvent.click(screen.getByText('从聊天选择文件'));
    });
    expect(document.querySelector('#privacy-popup')).not.toBeNull();
    await act(async () => {
      fireEvent.click(screen.getByText('不同意'));
    });
  });

  test('a plain cancel of the picker (not a privacy refusal) shows no message', async () => {
    jest.spyOn(Taro, 'chooseMessageFile').mockRejectedValue({ errMsg: 'chooseMessageFile:fail cancel' });
    render(<Host />);
    await act(async () => {
      fireEvent.click(screen.getByText('从聊天选择文件'));
    });
    expect(document.querySelector('.upload-error')).toBeNull();
  });
});

test('the privacy guide page names what is collected, why, and what still works without agreeing', () => {
  render(<PrivacyGuide />);
  const page = document.querySelector('#privacy-guide') as HTMLElement;
  expect(page).toHaveTextContent('《科创券小程序隐私保护指引》');
  for (const s of PRIVACY_SECTIONS) expect(document.querySelector(`#privacy-${s.id}`)).toHaveTextContent(s.title);
  expect(document.querySelector('#privacy-files')).toHaveTextContent('不同意时无法选择文件，其他功能照常使用');
  expect(document.querySelector('#privacy-clipboard')).toHaveTextContent('长按邀请码手动复制');
  expect(document.querySelector('#privacy-messages')).toHaveTextContent('每次允许只发送一条');
});
