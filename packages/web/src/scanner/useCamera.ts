import { useEffect, useState } from 'react';

/**
 * Opens the rear camera into a <video>; reports a sentence when it cannot. The camera opens once
 * the <video> is mounted (`attach` is its ref), so a page that renders the video late (after its
 * own data has loaded) still gets the stream, and a page that never shows it never opens it.
 */
export function useCamera() {
  const [video, attach] = useState<HTMLVideoElement | null>(null);
  const [state, setState] = useState<'starting' | 'on' | 'unavailable'>('starting');
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!video) return;
    let stream: MediaStream | null = null;
    let stopped = false;
    (async () => {
      if (!navigator.mediaDevices?.getUserMedia) {
        setState('unavailable');
        setProblem('This browser has no camera access here (it needs HTTPS or localhost). Use manual entry below.');
        return;
      }
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
        if (stopped) return stream.getTracks().forEach((t) => t.stop());
        video.srcObject = stream;
        await video.play().catch(() => undefined);
        setState('on');
      } catch (e) {
        setState('unavailable');
        setProblem(
          e instanceof DOMException && e.name === 'NotAllowedError'
            ? 'Camera permission was refused. Allow the camera in the browser settings, or use manual entry below.'
            : 'No camera could be opened. Use manual entry below.',
        );
      }
    })();
    return () => {
      stopped = true;
      stream?.getTracks().forEach((t) => t.stop());
      setState('starting');
    };
  }, [video]);

  return { video, attach, state, problem };
}
