/**
 * A hand-written stand-in for @tarojs/taro: only the APIs the app calls, each a jest mock so tests
 * can script the platform (network answers, user cancelling a dialog) and assert on what was asked.
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
export const stopPullDownRefresh = jest.fn<Answer, []>(ok);
export const usePullDownRefresh = jest.fn<void, [() => void]>();

const Taro = {
  request,
  makePhoneCall,
  setClipboardData,
  showToast,
  showModal,
  switchTab,
  stopPullDownRefresh,
  usePullDownRefresh,
};

export default Taro;
