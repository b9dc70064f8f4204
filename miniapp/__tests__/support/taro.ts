/**
 * Test double for `@tarojs/taro` (mapped in miniapp/jest.config.js), for the component tests in jsdom.
 * Why it exists: the real module binds to a Taro runtime (weapp's `wx`, or the H5 app shell) that a jest
 * process does not have. Only the APIs the rendered components call are here, answering as Taro does on
 * success; a test spies on them (`jest.spyOn(Taro, 'hideTabBar')`) to see what a component asked for.
 */
type Ok = Promise<{ errMsg: string }>;
const ok = (api: string): Ok => Promise.resolve({ errMsg: `${api}:ok` });

type TempFile = { path: string; name: string; size: number; type?: string };

const Taro = {
  navigateTo: (_options: { url: string }): Ok => ok('navigateTo'),
  showModal: (_options: { title?: string; content?: string; showCancel?: boolean; confirmText?: string }): Promise<{ errMsg: string; confirm: boolean; cancel: boolean }> =>
    Promise.resolve({ errMsg: 'showModal:ok', confirm: true, cancel: false }),
  /** WeChat's subscribe-message consent: by default the user accepts every template asked for. */
  requestSubscribeMessage: (options: { tmplIds: string[] }): Promise<Record<string, string>> =>
    Promise.resolve({ errMsg: 'requestSubscribeMessage:ok', ...Object.fromEntries(options.tmplIds.map((id) => [id, 'accept'])) }),
  hideTabBar: (_options?: { animation?: boolean }): Ok => ok('hideTabBar'),
  showTabBar: (_options?: { animation?: boolean }): Ok => ok('showTabBar'),
  /** weapp's file picker (a chat's files): a test spies on it to hand the component its picks. */
  chooseMessageFile: (_options?: { count?: number; type?: string; extension?: string[] }): Promise<{ errMsg: string; tempFiles: TempFile[] }> =>
    Promise.resolve({ errMsg: 'chooseMessageFile:ok', tempFiles: [] }),
  chooseImage: (_options?: { count?: number; sizeType?: string[] }): Promise<{ errMsg: string; tempFiles: TempFile[] }> =>
    Promise.resolve({ errMsg: 'chooseImage:ok', tempFiles: [] }),
};

export default Taro;
