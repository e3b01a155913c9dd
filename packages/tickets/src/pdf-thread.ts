import { Worker } from 'node:worker_threads';
import type { TicketsPdfInput } from './pdf.js';

type Pending = { resolve(pdf: Uint8Array): void; reject(error: Error): void };
type Answer = { id: number; pdf?: Uint8Array; error?: string };

/**
 * The worker is TypeScript, as this file is (the local home runs from source). A thread does not
 * take `--import tsx` from its execArgv on Node 20, so it registers tsx itself, then loads the worker.
 * Resolved when a thread starts, not at import: a bundle without tsx (the Lambda's) imports this file too.
 */
const bootstrap = () => `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
  .then(({ register }) => { register(); return import(${JSON.stringify(new URL('./pdf-worker.ts', import.meta.url).href)}); })`;

/**
 * Ticket PDFs rendered on a thread of their own. On one machine the outbox mails tickets while the
 * same process answers an on-sale's requests: a PDF is a few milliseconds of CPU that, on the
 * request thread, every request waiting behind it waits out (and the first loads pdfkit and the
 * fonts, a few hundred). The thread starts with the first PDF and does not keep the process alive;
 * if it dies, the PDFs it held fail (the outbox retries them) and the next PDF starts a new one.
 */
export function pdfThread(): (input: TicketsPdfInput) => Promise<Uint8Array> {
  let worker: Worker | null = null;
  let nextId = 0;
  const pending = new Map<number, Pending>();
  const failAll = (error: Error) => {
    worker = null;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };
  const start = (): Worker => {
    const started = new Worker(bootstrap(), { eval: true });
    started.unref();
    started.on('message', ({ id, pdf, error }: Answer) => {
      const waiting = pending.get(id);
      pending.delete(id);
      if (pending.size === 0) started.unref();
      if (pdf) waiting?.resolve(pdf);
      else waiting?.reject(new Error(error ?? 'the PDF thread sent no PDF'));
    });
    started.on('error', failAll);
    started.on('exit', (code) => failAll(new Error(`the PDF thread exited (${code})`)));
    return started;
  };
  return (input) =>
    new Promise((resolve, reject) => {
      worker ??= start();
      const id = nextId++;
      pending.set(id, { resolve, reject });
      // Kept alive while it holds a PDF someone waits for.
      worker.ref();
      worker.postMessage({ id, input });
    });
}
