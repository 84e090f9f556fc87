import { useEffect, useState } from 'react';

// TEMPORARY stand-in until the desktop-layout branch's hook is merged: same name, same answer.
const WIDE_FROM = 1024;

const isWide = (): boolean =>
  process.env.TARO_ENV === 'h5' && typeof window !== 'undefined' && window.innerWidth >= WIDE_FROM;

/** True in an H5 browser at least 1024 px wide (a desk), false on a phone and in the mini-program. */
export function useWideLayout(): boolean {
  const [wide, setWide] = useState(isWide);
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return undefined;
    const update = () => setWide(isWide());
    window.addEventListener('resize', update);
    return () => window.removeEventListener('resize', update);
  }, []);
  return wide;
}
