import { Button, Text, View } from '@tarojs/components';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';

/** The part of the Shape Detection API used here (not yet in TypeScript's DOM library). */
interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorClass = new (options: { formats: string[] }) => BarcodeDetectorLike;

const detectorClass = (): BarcodeDetectorClass | null =>
  (window as unknown as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector ?? null;

/** How often a frame is read, and how long the same code is not reported again (one ticket held up). */
const FRAME_MS = 250;
const SAME_CODE_MS = 3000;

/**
 * The camera through the browser's BarcodeDetector (Chrome and Edge on Android and desktop), offered
 * only where it exists; elsewhere the typed code stays the way in.
 */
export function CameraScanner({ onCode }: { onCode: (code: string) => void }) {
  const [on, setOn] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const holderRef = useRef<HTMLElement | null>(null);
  const onCodeRef = useRef(onCode);
  useLayoutEffect(() => {
    onCodeRef.current = onCode;
  }, [onCode]);

  useEffect(() => {
    const Detector = detectorClass();
    const holder = holderRef.current;
    if (!on || !Detector || !holder) return undefined;
    const video = document.createElement('video');
    video.setAttribute('playsinline', 'true');
    video.muted = true;
    video.className = 'event-camera__video';
    holder.appendChild(video);
    const detector = new Detector({ formats: ['qr_code'] });
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let last = { code: '', at: 0 };
    const read = async () => {
      if (stopped) return;
      try {
        const [found] = await detector.detect(video);
        const now = Date.now();
        if (found && (found.rawValue !== last.code || now - last.at > SAME_CODE_MS)) {
          last = { code: found.rawValue, at: now };
          onCodeRef.current(found.rawValue);
        }
      } catch {
        // A frame not ready yet: the next one is read.
      }
      timer = setTimeout(() => void read(), FRAME_MS);
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(async (opened) => {
        stream = opened;
        if (stopped) return;
        video.srcObject = opened;
        await video.play();
        void read();
      })
      .catch(() => {
        setError('无法打开摄像头，请允许浏览器使用摄像头，或直接输入票码');
        setOn(false);
      });
    return () => {
      stopped = true;
      clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
      video.remove();
    };
  }, [on]);

  if (!detectorClass() || !navigator.mediaDevices) return null;
  return (
    <View className="event-camera">
      <Button
        className="event-camera__toggle"
        onClick={() => {
          setError(null);
          setOn(!on);
        }}
      >
        {on ? '关闭摄像头' : '用摄像头扫码'}
      </Button>
      {error ? <Text className="event-camera__error">{error}</Text> : null}
      <View
        className={on ? 'event-camera__frame' : 'event-camera__frame event-camera__frame--off'}
        ref={(node: HTMLElement | null) => {
          holderRef.current = node;
        }}
      />
    </View>
  );
}
