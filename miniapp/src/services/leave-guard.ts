import Taro from '@tarojs/taro';

/**
 * WeChat asks before the page is left by its back button or gesture (the H5 build has its own file,
 * leave-guard.h5.ts). Resolves the guard's release.
 */
export function guardLeaving(message: string): () => void {
  if (!Taro.canIUse('enableAlertBeforeUnload')) return () => undefined;
  void Taro.enableAlertBeforeUnload({ message });
  return () => void Taro.disableAlertBeforeUnload();
}
