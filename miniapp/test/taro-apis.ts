/**
 * The APIs of the @tarojs/taro stand-in (taro-mock.ts): only those the app calls, each a jest mock
 * so tests can script the platform (network answers, user cancelling a dialog) and assert on what
 * was asked.
 */
type Options = Record<string, unknown>;
type Answer = Promise<Record<string, unknown>>;

const ok = (): Answer => Promise.resolve({ errMsg: 'ok' });

export const request = jest.fn<Answer, [Options]>();
export const makePhoneCall = jest.fn<Answer, [Options]>(ok);
export const setClipboardData = jest.fn<Answer, [Options]>(ok);
export const showToast = jest.fn<Answer, [Options]>(ok);
export const showModal = jest.fn<Answer, [Options]>(() => Promise.resolve({ errMsg: 'ok', confirm: true }));
export const switchTab = jest.fn<Answer, [Options]>(ok);
export const stopPullDownRefresh = jest.fn<void, []>();
export const usePullDownRefresh = jest.fn<void, [() => void]>();
export const navigateTo = jest.fn<Answer, [Options]>(ok);
export const login = jest.fn<Answer, []>(() => Promise.resolve({ errMsg: 'login:ok', code: 'wx-code' }));
export const useLaunch = jest.fn<void, [() => void]>();
export const onNeedPrivacyAuthorization = jest.fn<void, [(...args: unknown[]) => void]>();
export const redirectTo = jest.fn<Answer, [Options]>(ok);
export const navigateBack = jest.fn<Answer, [Options?]>(ok);
export const reLaunch = jest.fn<Answer, [Options]>(ok);
export const setTabBarBadge = jest.fn<Answer, [Options]>(ok);
export const removeTabBarBadge = jest.fn<Answer, [Options]>(ok);
export const requestSubscribeMessage = jest.fn<Answer, [Options]>(ok);
export const showActionSheet = jest.fn<Answer, [Options]>(() =>
  Promise.resolve({ errMsg: 'ok', tapIndex: 1 }),
);
export const chooseMedia = jest.fn<Answer, [Options]>();
export const chooseMessageFile = jest.fn<Answer, [Options]>();
export const uploadFile = jest.fn<Answer, [Options]>();
/** The page's query, as useRouter gives it; tests set it before rendering. */
export const routerParams: Record<string, string> = {};
export const useRouter = jest.fn(() => ({ params: routerParams, path: '' }));
export const getCurrentInstance = jest.fn(() => ({ router: { params: routerParams, path: '' } }));
/** The page stack, bottom first; tests that move between pages set it. */
export const getCurrentPages = jest.fn((): { route: string }[] => []);
/** Page lifecycles: the callbacks are kept so tests can show or hide the page. */
export const shownCallbacks: (() => void)[] = [];
export const hiddenCallbacks: (() => void)[] = [];
export const useDidShow = jest.fn((callback: () => void) => {
  shownCallbacks.push(callback);
});
export const useDidHide = jest.fn((callback: () => void) => {
  hiddenCallbacks.push(callback);
});
export const useReachBottom = jest.fn<void, [() => void]>();
/** The page's share handler, kept so tests can ask it for the card a share button would send. */
type ShareHandler = (event: { from: string }) => { title?: string; path?: string };
export const useShareAppMessage = jest.fn<void, [ShareHandler]>();
type TimelineHandler = () => { title?: string; query?: string };
export const useShareTimeline = jest.fn<void, [TimelineHandler]>();
export const showLoading = jest.fn<Answer, [Options]>(ok);
export const hideLoading = jest.fn<Answer, []>(ok);
export const previewImage = jest.fn<Answer, [Options]>(ok);
export const openDocument = jest.fn<Answer, [Options]>(ok);
export const saveImageToPhotosAlbum = jest.fn<Answer, [Options]>(ok);
/** The mini-program's permissions: nothing asked yet, nothing refused, unless a test scripts it. */
export const getSetting = jest.fn<Answer, [Options?]>(() =>
  Promise.resolve({ errMsg: 'getSetting:ok', authSetting: {} }),
);
export const openSetting = jest.fn<Answer, [Options?]>(() =>
  Promise.resolve({ errMsg: 'openSetting:ok', authSetting: {} }),
);
export const canIUse = jest.fn<boolean, [string]>(() => true);
/** WeChat's cashier: paid unless a test scripts a cancel or a failure. */
export const requestPayment = jest.fn<Answer, [Options]>(() =>
  Promise.resolve({ errMsg: 'requestPayment:ok' }),
);
export const chooseInvoiceTitle = jest.fn<Answer, []>();
/** The phone's calendar: added unless a test scripts a refusal. */
export const addPhoneCalendar = jest.fn<Answer, [Options]>(ok);
export const enableAlertBeforeUnload = jest.fn<Answer, [Options]>(ok);
export const disableAlertBeforeUnload = jest.fn<Answer, []>(ok);
/** Answers like a successful download unless a test scripts it: a temp path per URL. */
export const downloadFile = jest.fn<Answer, [Options]>((options) =>
  Promise.resolve({
    errMsg: 'downloadFile:ok',
    statusCode: 200,
    tempFilePath: `wxfile://tmp/${String(options.url).split('/').pop()}`,
  }),
);

/** Storage backed by a Map that tests can inspect and clear. */
export const storage = new Map<string, unknown>();
export const getStorageSync = jest.fn((key: string): unknown => storage.get(key) ?? '');
export const setStorageSync = jest.fn((key: string, value: unknown): void => {
  storage.set(key, value);
});
export const removeStorageSync = jest.fn((key: string): void => {
  storage.delete(key);
});
export const pageScrollTo = jest.fn<Answer, [Options]>(ok);
/** After the render: the stand-in runs the callback once the current work is done. */
export const nextTick = jest.fn((callback: () => void) => {
  setTimeout(callback, 0);
});
/** The window as the dashboard's charts read it: a phone's pixel ratio. */
export const getWindowInfo = jest.fn(() => ({ pixelRatio: 2, windowWidth: 375, windowHeight: 812 }));
/**
 * A selector query whose nodes are never found (jsdom draws no mini-program canvas): a chart's
 * component mounts and asks, and draws nothing. Each `exec` is kept so tests can see it asked.
 */
export const selectorQueries: string[] = [];
export const createSelectorQuery = jest.fn(() => {
  let selected = '';
  const query = {
    select: (selector: string) => {
      selected = selector;
      return query;
    },
    fields: () => query,
    exec: (callback: (answers: null[]) => void) => {
      selectorQueries.push(selected);
      callback([null]);
    },
  };
  return query;
});
/** WeChat's code scanner: a test scripts what was scanned (or a cancel). */
export const scanCode = jest.fn<Answer, [Options]>();
/** The network's status: the listeners are kept so a test can say the network came back. */
export const networkListeners: ((status: { isConnected: boolean; networkType: string }) => void)[] = [];
export const onNetworkStatusChange = jest.fn(
  (listener: (status: { isConnected: boolean; networkType: string }) => void) => {
    networkListeners.push(listener);
  },
);
export const offNetworkStatusChange = jest.fn(
  (listener: (status: { isConnected: boolean; networkType: string }) => void) => {
    const index = networkListeners.indexOf(listener);
    if (index >= 0) networkListeners.splice(index, 1);
  },
);
