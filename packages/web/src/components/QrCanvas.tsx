import { useEffect, useRef } from 'react';
import QRCode from 'qrcode';

/** The ticket's QR text drawn on a canvas (no network, no images: CSP-friendly). */
export function QrCanvas({ text, label }: { text: string; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (canvas.current) void QRCode.toCanvas(canvas.current, text, { width: 220, margin: 2, errorCorrectionLevel: 'M' });
  }, [text]);
  return <canvas ref={canvas} role="img" aria-label={label} className="qr" data-qr={text} />;
}
