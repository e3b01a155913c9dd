import { join } from 'node:path';
import { createServices, defaultSettings, randomIds, type Mailer, type Services, type Store, type TicketSigner } from '@ticketbooth/core';
import { createFileLedger, createMockPaymentGateway } from '@ticketbooth/adapters-local';
import { createTicketSigner, generateSigningKey } from '@ticketbooth/tickets';
import { TestClock, capturingLogger, parseCapturedLine } from '@ticketbooth/testkit';
import { fakeRenderer, memoryBlobs, noIdentity, noImages } from './fakes.js';
import type { Figures } from './figures.js';
import { Interleaving } from './interleaving.js';
import { Ledger } from './ledger.js';

/** What both sides share: one clock, one card gateway (as Stripe is one), one signer, one blob store. */
export interface World {
  clock: TestClock;
  ledger: Ledger;
  signer: TicketSigner;
  blobs: ReturnType<typeof memoryBlobs>;
  interleaving: Interleaving;
  /** Core's use cases on each of the two stores (connections), every store and gateway call gated. */
  services: [Services, Services];
  /** Everything the services logged, as JSON lines. */
  logLines: string[];
}

export function createWorld(stores: [Store, Store], ledgerDir: string, figures: Figures): World {
  const clock = new TestClock(Date.parse('2031-03-03T09:00:00.000Z'));
  const ledgerPath = join(ledgerDir, 'ledger.jsonl');
  const gateway = createMockPaymentGateway({ ledger: createFileLedger(ledgerPath), ids: randomIds, clock });
  const key = generateSigningKey();
  const signer = createTicketSigner([key], key.keyId);
  const blobs = memoryBlobs();
  const mailer: Mailer = {
    async send() {
      figures.mails++;
    },
  };
  const logLines: string[] = [];
  const logger = capturingLogger(logLines);
  const interleaving = new Interleaving();
  const payments = interleaving.gated(gateway, 'gateway');
  const services = stores.map((store, side) =>
    createServices({
      store: interleaving.gated(store, side === 0 ? 'A' : 'B'),
      identity: noIdentity,
      mailer,
      blobs,
      images: noImages,
      imageProcessor: noImages,
      payments,
      signer,
      renderer: fakeRenderer,
      clock,
      ids: randomIds,
      logger,
      settings: defaultSettings,
    }),
  ) as [Services, Services];
  return { clock, ledger: new Ledger(ledgerPath), signer, blobs, interleaving, services, logLines };
}

/** The outbox warns "job failed…" when a job throws (it will retry). */
export const isJobFailure = (line: string): boolean => {
  const { level, msg } = parseCapturedLine(line);
  return level === 'warn' && !!msg?.includes('job failed');
};
