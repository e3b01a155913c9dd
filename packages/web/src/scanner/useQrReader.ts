import { useEffect, useRef, useState, type RefObject } from 'react';
import { messageOf } from '../api/errors.js';
import { createDecoder } from './decoder.js';
import { useCamera } from './useCamera.js';

const SCAN_INTERVAL_MS = 150;
/** The same code is ignored this long after its result, so a held-up ticket is not re-submitted each frame. */
const SAME_CODE_PAUSE_MS = 3000;

/**
 * Reads QR codes from the camera continuously and hands each new text to `onRead`, one at a time.
 * Frames are not read while `blocked()` says so (a result on screen, paused, typing) or while
 * `onRead` is under way.
 */
export function useQrReader(onRead: (text: string) => Promise<void>, blocked: RefObject<() => boolean>) {
  const { video, state: cameraState, problem } = useCamera();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [engine, setEngine] = useState('');
  const [error, setError] = useState<string | null>(null);
  const read = useRef(onRead);
  read.current = onRead;

  useEffect(() => {
    if (cameraState !== 'on' || !canvas.current || !video.current) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let last: { text: string; at: number } | null = null;
    const videoElement = video.current;
    createDecoder(canvas.current).then(({ decode, engine: name }) => {
      setEngine(name);
      const tick = async () => {
        if (stopped) return;
        const text = blocked.current() ? null : await decode(videoElement);
        const repeated = text !== null && last?.text === text && Date.now() - last.at < SAME_CODE_PAUSE_MS;
        if (text && !repeated) {
          await read.current(text);
          last = { text, at: Date.now() };
        }
        timer = setTimeout(tick, SCAN_INTERVAL_MS);
      };
      void tick();
    }, (e: unknown) => setError(messageOf(e)));
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [cameraState, video, blocked]);

  return { video, canvas, cameraState, problem, engine, error };
}
