/**
 * WeChat's user-privacy rules (since 2023-09, `__usePrivacyCheck__` in app.json): before the app may use an
 * API that touches personal information — the file and image pickers for evidence, the clipboard for invite
 * codes — the user must have agreed to the app's privacy guide. When they have not, WeChat does not run the
 * API: it calls the handler registered with wx.onNeedPrivacyAuthorization and waits. The app then shows its
 * own popup; its 同意 button has open-type="agreePrivacyAuthorization", and the popup answers WeChat with
 * resolve({ event: 'agree', buttonId }) — the API then runs — or resolve({ event: 'disagree' }), and the API
 * fails with errno 104 ("privacy permission is not authorized"). Declining must leave the app usable:
 * the caller says, in words, that the feature needs the agreement and that nothing else is affected.
 *
 * `privacyGate` is that state: one handler for the app (installed at launch on weapp), and the popups of
 * the pages listening. H5 has no WeChat privacy check: nothing is installed there and the APIs just run.
 */

/** What WeChat's resolve accepts (wx.onNeedPrivacyAuthorization). */
export interface PrivacyResolution {
  event: 'agree' | 'disagree' | 'exposureAuthorization';
  buttonId?: string;
}
export type PrivacyResolve = (r: PrivacyResolution) => void;

/** The part of `wx` this needs: the handler's registration. */
export interface PrivacyHost {
  onNeedPrivacyAuthorization?: (listener: (resolve: PrivacyResolve, eventInfo?: { referrer?: string }) => void) => void;
}

/** The request shown by the popup: which API asked (WeChat's eventInfo.referrer). */
export interface PrivacyRequest {
  referrer: string;
}

/** The id of the popup's agree button (passed back to WeChat as buttonId). */
export const AGREE_BUTTON_ID = 'agree-privacy';
export const PRIVACY_GUIDE_PAGE = '/my/privacy/index';
export const PRIVACY_GUIDE_NAME = '《科创券小程序隐私保护指引》';

/** What each privacy API is for, in the popup's words. */
const PURPOSE: Record<string, string> = {
  chooseMessageFile: '从聊天中选择证明材料文件',
  chooseImage: '拍照或从相册选择证明材料图片',
  chooseMedia: '拍照或从相册选择证明材料图片',
  setClipboardData: '复制邀请码',
  getClipboardData: '读取您复制的邀请码',
};

export function purposeOf(referrer: string): string {
  return PURPOSE[referrer] ?? '使用这项功能';
}

export class PrivacyGate {
  private pending: PrivacyResolve | null = null;
  private request: PrivacyRequest | null = null;
  private readonly listeners = new Set<(r: PrivacyRequest | null) => void>();

  /**
   * Registers the app's handler with WeChat (once, at launch: a later registration replaces the earlier
   * one, WeChat keeps only the last); false where there is none (H5).
   */
  install(host: PrivacyHost | undefined): boolean {
    if (!host || typeof host.onNeedPrivacyAuthorization !== 'function') return false;
    host.onNeedPrivacyAuthorization((resolve, info) => this.need(resolve, info?.referrer ?? ''));
    return true;
  }

  /** WeChat asks: keep its resolve and show the popups. A second ask replaces the first (WeChat's own rule). */
  need(resolve: PrivacyResolve, referrer: string): void {
    this.pending = resolve;
    this.request = { referrer };
    this.emit();
  }

  current(): PrivacyRequest | null {
    return this.request;
  }

  subscribe(listener: (r: PrivacyRequest | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The agree button was tapped (its bindagreeprivacyauthorization event). */
  agree(buttonId = AGREE_BUTTON_ID): void {
    this.answer({ event: 'agree', buttonId });
  }

  /** The user declined (or closed the popup). */
  decline(): void {
    this.answer({ event: 'disagree' });
  }

  private answer(r: PrivacyResolution): void {
    const resolve = this.pending;
    this.pending = null;
    this.request = null;
    this.emit();
    resolve?.(r);
  }

  private emit(): void {
    for (const l of this.listeners) l(this.request);
  }
}

export const privacyGate = new PrivacyGate();

/** A WeChat API failure because the user did not agree to the privacy guide (errno 104). */
export function isPrivacyRefusal(e: unknown): boolean {
  if (!e || typeof e !== 'object') return false;
  const { errno, errMsg } = e as { errno?: unknown; errMsg?: unknown };
  return errno === 104 || (typeof errMsg === 'string' && /privacy/i.test(errMsg));
}

/** What the user reads after declining: what they cannot do now, that the rest works, how to do it later. */
export const PRIVACY_DECLINED: Record<'file' | 'clipboard', string> = {
  file: '您未同意隐私保护指引，暂时无法选择文件。其他操作不受影响；需要上传时，再次点击并同意即可。',
  clipboard: '您未同意隐私保护指引，无法自动复制。请长按邀请码手动复制，其他操作不受影响。',
};
