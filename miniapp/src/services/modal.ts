import Taro from '@tarojs/taro';

/** The tokens' colours (styles/_tokens.scss) where an API takes a colour rather than a class. */
export const COLORS = {
  brand: '#1f5fbf',
  danger: '#d64545',
  text: '#1d2433',
} as const;

type ModalOptions = Parameters<typeof Taro.showModal>[0];

/**
 * Taro.showModal in the app's colours: H5 draws the confirm button in WeChat's green unless told
 * otherwise. A dangerous confirmation names its own colour (COLORS.danger).
 */
export function showModal(options: ModalOptions): ReturnType<typeof Taro.showModal> {
  return Taro.showModal({ confirmColor: COLORS.brand, cancelColor: COLORS.text, ...options });
}
