import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeMachine, machine, type Machine } from './lib/machine.js';
import { ROOT } from './lib/processes.js';
import { FULL, QUICK, stage } from './scenarios/context.js';
import { postBaseline, rush } from './scenarios/rush.js';
import { door } from './scenarios/door.js';
import { pdf } from './scenarios/pdf.js';
import { browse } from './scenarios/browse.js';

/**
 * `npm run bench` (full sizes) or `npm run bench -- --quick` (CI smoke, under two minutes).
 * Each figure is printed beside its bare node:http baseline from the same run; nothing asserts speed.
 */
async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const sizes = quick ? QUICK : FULL;
  const m = machine();
  const began = Date.now();
  console.log(`Ticketbooth bench (${quick ? 'quick' : 'full'}) on ${describeMachine(m)}`);

  // PDFs first, alone: later the server's outbox renders ticket mails in the background.
  console.log('pdf…');
  const pdfResult = await pdf(sizes.pdfCount);
  const s = await stage(sizes.attendees, sizes.rushClients);
  let results;
  try {
    console.log('rush (free)…');
    const free = await rush(s, sizes, 'free');
    const registrationAnswer = (await s.client.request('GET', '/api/me/registrations?limit=1', undefined, s.attendeeTokens[0])).body.items[0];
    const freeBaseline = await postBaseline(free.requests, sizes.rushClients, { quantity: 1 }, JSON.stringify(registrationAnswer ?? {}).length);
    Object.assign(free, { baselineRequestsPerSecond: freeBaseline, ratio: Math.round((free.requestsPerSecond / freeBaseline) * 100) / 100 });
    console.log('rush (paid)…');
    const paid = await rush(s, sizes, 'paid');
    console.log('door…');
    const doorResult = await door(s, sizes);
    console.log('browse…');
    const browseResult = await browse(s, sizes.browseRequests);
    results = { date: new Date().toISOString(), mode: quick ? 'quick' : 'full', machine: m, rush: { free, paid }, door: doorResult, browse: browseResult, pdf: pdfResult, seconds: Math.round((Date.now() - began) / 1000) };
  } finally {
    await s.close();
  }

  const table = markdown(results, describeMachine(m));
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${results.date.slice(0, 10)}${quick ? '-quick' : ''}.json`), JSON.stringify(results, null, 2));
  if (!quick) writeFileSync(join(dir, 'latest.md'), table);
  console.log(`\n${table}`);
}

type Results = {
  mode: string;
  machine: Machine;
  seconds: number;
  rush: { free: Awaited<ReturnType<typeof rush>>; paid: Awaited<ReturnType<typeof rush>> };
  door: Awaited<ReturnType<typeof door>>;
  browse: Awaited<ReturnType<typeof browse>>;
  pdf: Awaited<ReturnType<typeof pdf>>;
  date: string;
};

function markdown(r: Results, machineLine: string): string {
  const { free, paid } = r.rush;
  const lat = (l: { p50: number; p95: number; p99: number }) => `${l.p50} / ${l.p95} / ${l.p99}`;
  return [
    `# Ticketbooth benchmark (${r.mode}, ${r.date.slice(0, 10)}, ${r.seconds} s)`,
    '',
    `Machine: ${machineLine}. Server and load generator share this machine (loopback).`,
    '',
    '| scenario | figure | latency ms p50 / p95 / p99 | baseline (bare node:http) | ratio | correctness |',
    '|---|---|---|---|---|---|',
    `| rush, free (${free.clients} clients, ${free.requests} attendees, ${free.spots} spots) | ${free.confirmedPerSecond} confirmed/s; ${free.requestsPerSecond} req/s | ${lat(free.latencyMs)} | ${free.baselineRequestsPerSecond} req/s | ${free.ratio} | confirmed ${free.confirmed}, sold_out ${free.soldOut}, oversold ${free.oversold}, peak RSS ${free.serverPeakRssMiB} MiB |`,
    `| rush, paid: register + intent + confirm (${paid.clients} in flight) | ${paid.confirmedPerSecond} confirmed/s; ${paid.requestsPerSecond} flows/s | ${lat(paid.latencyMs)} (whole flow) | | | confirmed ${paid.confirmed}, sold_out ${paid.soldOut}, oversold ${paid.oversold}, peak RSS ${paid.serverPeakRssMiB} MiB |`,
    `| door (${r.door.tickets} tickets, ${r.door.scans} scans, ${r.door.scanners} scanners) | ${r.door.scansPerSecond} scans/s | ${lat(r.door.latencyMs)} | ${r.door.baselineRequestsPerSecond} req/s | ${r.door.ratio} | admitted ${r.door.admitted}, already_used ${r.door.alreadyUsed}, double admissions ${r.door.doubleAdmissions} |`,
    `| browse (GET /api/events, 20 a page, ${r.browse.bytes} B, ${r.browse.connections} connections) | ${r.browse.requestsPerSecond} req/s | ${lat(r.browse.latencyMs)} | ${r.browse.baselineRequestsPerSecond} req/s (p99 ${r.browse.baselineLatencyMs.p99} ms) | ${r.browse.ratio} | |`,
    `| PDF tickets (in-process, one core) | ${r.pdf.ticketsPerSecondPerCore} tickets/s | | | | ${r.pdf.bytesPerTicket} bytes/ticket |`,
    '',
    'Accounts are pre-created in the SQLite file and their access tokens minted by the harness with the',
    "server's secret and the local identity's claims (5,000 scrypt logins would measure scrypt). Each",
    'baseline answers with the same number of bytes, from a bare node:http process, with the same client.',
    'The rush runs while the server mails tickets (renders PDFs) in the background, as on a real on-sale;',
    'door and browse start once the server is idle (tickets are mailed days before the doors open).',
    '',
  ].join('\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
