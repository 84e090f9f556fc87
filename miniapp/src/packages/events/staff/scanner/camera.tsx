/**
 * The browser's camera scanner (camera.h5.tsx, picked by Taro for the H5 build); WeChat scans with
 * its own scanCode, so here there is nothing.
 */
export function CameraScanner(_props: { onCode: (code: string) => void }) {
  return null;
}
