import { parentPort } from 'node:worker_threads';
import { renderTicketsPdf, type TicketsPdfInput } from './pdf.js';

/** The PDF thread's side (pdf-thread.ts): renders each input it is sent and sends the bytes back. */
parentPort!.on('message', ({ id, input }: { id: number; input: TicketsPdfInput }) => {
  renderTicketsPdf(input).then(
    (pdf) => parentPort!.postMessage({ id, pdf }, [pdf.buffer as ArrayBuffer]),
    (error: unknown) => parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) }),
  );
});
