import { join, resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import { createServices, randomIds, systemClock, type Clock, type Logger, type Services } from '@ticketbooth/core';
import { openSqlite, type SqliteStores } from '@ticketbooth/store-sqlite';
import {
  createFileBlobStore,
  createFileImageStore,
  createFileLedger,
  createLocalIdentity,
  createLocalMailer,
  createMockPaymentGateway,
  DEFAULT_ADDRESS_LIMITS,
  type FileBlobStore,
  type FileImageStore,
} from '@ticketbooth/adapters-local';
import { createTicketRenderer, createTicketSigner } from '@ticketbooth/tickets';
import { createSharpImageProcessor } from '@ticketbooth/images';
import { serviceSettings, type Config } from '../config.js';
import { loadSecrets } from './secrets.js';
import { choosePaymentGateway } from './payment-gateway.js';

export interface LocalHome {
  services: Services;
  sqlite: SqliteStores;
  blobs: FileBlobStore;
  images: FileImageStore;
  close(): void;
}

/** The one-machine home: SQLite, files on disk, built-in accounts, mock payments (or Stripe), local mailbox. */
export function createLocalHome(config: Config, logger: Logger, options: { clock?: Clock; scryptN?: number } = {}): LocalHome {
  const clock = options.clock ?? systemClock;
  const dataDir = resolve(config.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const secrets = loadSecrets(config);
  const sqlite = openSqlite(join(dataDir, 'ticketbooth.db'));
  const mailer = createLocalMailer({ mailbox: sqlite.mailbox, clock, ids: randomIds, logger, smtpUrl: config.smtpUrl, from: config.mailFrom });
  const blobs = createFileBlobStore({ dir: join(dataDir, 'blobs'), signingSecret: secrets.linkSecret, publicBaseUrl: config.linksBaseUrl ?? '', clock });
  const images = createFileImageStore({ dir: join(dataDir, 'images') });
  const identity = createLocalIdentity({
    store: sqlite.store,
    accounts: sqlite.accounts,
    mailer,
    clock,
    ids: randomIds,
    logger,
    jwtSecret: secrets.jwtSecret,
    passwordHashing: config.passwordHashing,
    addressLimits: { ...DEFAULT_ADDRESS_LIMITS, signUps: config.signUpsPerAddress },
    // The services are made below; the identity runs jobs only once requests arrive.
    runJobs: (jobIds) => services.jobs.runJobs(jobIds),
    ...(options.scryptN ? { scrypt: { N: options.scryptN, r: 8, p: 1 } } : {}),
  });
  const services = createServices({
    store: sqlite.store,
    identity,
    mailer,
    blobs,
    images,
    imageProcessor: createSharpImageProcessor(),
    payments: choosePaymentGateway(config.payments, {
      publicUrl: config.publicUrl,
      clock,
      mock: () => createMockPaymentGateway({ ledger: createFileLedger(join(dataDir, 'mock-gateway.jsonl')), ids: randomIds, clock }),
    }),
    signer: createTicketSigner(secrets.signingKeys, secrets.activeKeyId),
    renderer: createTicketRenderer({ images, paper: config.ticketPaper, thread: true }),
    clock,
    ids: randomIds,
    logger,
    settings: serviceSettings(config),
  });
  return { services, sqlite, blobs, images, close: () => sqlite.close() };
}
