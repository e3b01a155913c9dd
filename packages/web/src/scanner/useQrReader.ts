import { useEffect, useRef, useState, type RefObject } from 'react';
import { messageOf } from '../api/errors.js';
import { createDecoder } from './decoder.js';
import { filterRead, type Frame, type InView } from './repeat-filter.js';
import { useCamera } from './useCamera.js';

const SCAN_INTERVAL_MS = 150;

/**
 * Reads QR codes from the camera continuously and hands each new text to `onRead`, one at a time;
 * a code left in view is handed on once (see repeat-filter.ts). Frames are not read while
 * `blocked()` says so (a result on screen, paused, typing) or while `onRead` is under way.
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
    let inView: InView | null = null;
    const videoElement = video.current;
    createDecoder(canvas.current).then(({ decode, engine: name }) => {
      setEngine(name);
      const tick = async () => {
        if (stopped) return;
        const frame: Frame = blocked.current() ? 'blocked' : { text: (await decode(videoElement)) || null };
        const step = filterRead(inView, frame, Date.now());
        inView = step.inView;
        if (step.submit !== null) {
          await read.current(step.submit);
          // The time the scan took counts as the code still in view.
          inView = filterRead(inView, 'blocked', Date.now()).inView;
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
