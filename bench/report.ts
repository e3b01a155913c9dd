import { describeMachine, type Machine } from './lib/machine.js';
import { dynamoCeilingRows, type DynamoCeilingRow } from './scenarios/dynamo-ceiling.js';
import type { Measured } from './lib/load.js';
import { CLIENT_LIMIT, SATURATED, serverMicrosPerRequest, type Paired } from './lib/paired.js';
import type { RushPair, RushResult } from './scenarios/rush.js';
import type { DoorResult } from './scenarios/door.js';
import type { DoorOfflineResult } from './scenarios/door-offline.js';
import type { BrowseResult, ReadResult } from './scenarios/browse.js';
import type { PdfResult } from './scenarios/pdf.js';
import type { LambdaInitResult } from './scenarios/lambda-init.js';
import type { OpenPhaseResult } from './scenarios/open-phase.js';

export interface Results {
  date: string;
  mode: string;
  machine: Machine;
  seconds: number;
  generator: Measured;
  rush: RushPair;
  door: DoorResult;
  doorOffline: DoorOfflineResult;
  browse: BrowseResult;
  pdf: PdfResult;
  lambdaInit: LambdaInitResult;
  openPhase: OpenPhaseResult;
  dynamoCeiling: DynamoCeilingRow[];
}

const latency = (m: Measured) => `${m.latencyMs.p50} / ${m.latencyMs.p90} / ${m.latencyMs.p99}`;
const cpu = (p: Paired, side: 'clientCpu' | 'serverCpu') => `${p.ours[side]} / ${p.bare[side]}`;
const serverCost = (p: Paired) =>
  `${cpu(p, 'serverCpu')}; ${serverMicrosPerRequest(p.ours)} / ${serverMicrosPerRequest(p.bare)} µs a request${p.costRatio === null ? '' : ` (cost ratio ${p.costRatio})`}`;
const errors = (p: Paired) => (p.ours.errors + p.bare.errors > 0 ? `, connection errors ${p.ours.errors} / ${p.bare.errors}` : '');

/** The columns every HTTP row shares, after its name and before its correctness. */
function figures(p: Paired, unit: string): string {
  return `${p.ours.requestsPerSecond} ${unit} | ${latency(p.ours)} | ${p.bare.requestsPerSecond} req/s (p99 ${p.bare.latencyMs.p99} ms) | ${p.ratio} | ${cpu(p, 'clientCpu')} | ${serverCost(p)}`;
}

function rushRow(r: RushResult, name: string): string {
  const other = Object.entries(r.other).map(([k, n]) => `${k}: ${n}`).join(', ');
  return `| ${name} (${r.attempts} accounts, ${r.connections} connections, ${r.spots} spots) | ${r.confirmedPerSecond} confirmed/s; ${figures(r, 'req/s')} | confirmed ${r.confirmed}, sold_out ${r.soldOut}, oversold ${r.oversold}${other ? `, other ${other}` : ''}, peak RSS ${r.serverPeakRssMiB} MiB${errors(r)} |`;
}

/** The free and the paid rush's rows. */
export const rushRows = (r: RushPair) => [rushRow(r.free, 'rush, free'), rushRow(r.paid, 'rush, paid: register + intent + confirm')].join('\n');

const readRow = (r: ReadResult, name: string) => `| ${name} (GET ${r.path.replace(/evt_[\w-]+/, ':id')}, ${r.bytes} B, ${r.connections} connections) | ${figures(r, 'req/s')} | ${errors(r).slice(2)} |`;

/** The listing's and the event page's rows. */
export const browseRows = (b: BrowseResult) => [readRow(b.listing, 'listing, 20 a page'), readRow(b.eventPage, 'event page')].join('\n');

/** Polls and sales at once: each with its own generator's CPU; the server's CPU over the polls' window. */
export function openPhaseRow(o: OpenPhaseResult): string {
  const p = o.polls;
  const s = o.sales;
  return `| open phase (${o.pollers} connections polling GET /api/events/:id for ${o.pollSeconds} s; ${o.attempts} accounts buying ${o.spots} spots over ${o.saleConnections} connections) | polls ${p.requestsPerSecond} req/s, p99 ${p.latencyMs.p99} ms; sales ${o.confirmedPerSecond} confirmed/s (${s.requestsPerSecond} req/s), p99 ${s.latencyMs.p99} ms | polls ${latency(p)}; sales ${latency(s)} | | | polls ${p.clientCpu} / sales ${s.clientCpu} | ${p.serverCpu} | confirmed ${o.confirmed}, sold_out ${o.soldOut}, oversold ${o.oversold}, peak RSS ${o.serverPeakRssMiB} MiB${p.errors + s.errors ? `, connection errors ${p.errors} / ${s.errors}` : ''} |`;
}

/** A row per Lambda bundle: its cold import in a fresh process (goal for the API: <= 150 ms, <= 80 MiB). */
export const lambdaInitRows = (functions: LambdaInitResult) =>
  functions
    .map((f) => `| Lambda init, ${f.name} (bundle ${Math.round(f.bundleBytes / 1024)} KiB, ${f.runs} fresh processes) | import ${f.initMs.p50} ms p50 (${f.initMs.min}-${f.initMs.max}); RSS ${f.rssMiB.p50} MiB (${f.rssMiB.min}-${f.rssMiB.max}) | | | | | | |`)
    .join('\n');

const tally = (counts: Record<string, number>) => Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(', ');

/** Sizes and times of the offline door, in the table's columns: the browser's verdict is the figure, its goal a p99 of 50 ms. */
export function doorOfflineRow(d: DoorOfflineResult): string {
  const v = d.verdicts.ms;
  const data = d.doorData;
  return `| door offline (${d.tickets} tickets; ${d.verdicts.scans} verdicts in Chromium, decode excluded; sync of ${d.sync.scans}) | verdict p50 ${v.p50} ms, p99 ${v.p99} ms (goal p99 <= 50), max ${v.max}, index + keys ${d.verdicts.setupMs} ms; door-data ${data.bytes} B (gzip ${data.gzipBytes} B), load p50 ${data.loadMs.p50} ms of ${data.fetches}; sync ${d.sync.ms} ms | | | | | | verdicts ${tally(d.verdicts.results)}; sync ${tally(d.sync.results)} |`;
}

export function markdown(r: Results): string {
  const g = r.generator;
  return [
    `# Ticketbooth benchmark (${r.mode}, ${r.date.slice(0, 10)}, ${r.seconds} s)`,
    '',
    `Machine: ${describeMachine(r.machine)}. Server, bare baseline and load generator share this machine (loopback).`,
    '',
    `Load generator: autocannon in a process of its own; against a bare server answering 2 bytes it reaches ${g.requestsPerSecond} req/s at ${g.clientCpu} of a core (server ${g.serverCpu}).`,
    `A ratio is printed only when the generator used under ${CLIENT_LIMIT} of a core in both runs (otherwise "client-bound") and the bare server at least ${SATURATED} (otherwise "unsaturated": the machine, not either process, was the limit).`,
    '',
    '| scenario | Ticketbooth | latency ms p50 / p90 / p99 | bare node:http | ratio | client CPU ours / bare | server CPU ours / bare | correctness |',
    '|---|---|---|---|---|---|---|---|',
    rushRows(r.rush),
    `| door (${r.door.tickets} tickets, ${r.door.scans} scans, ${r.door.scanners} scanners) | ${figures(r.door, 'scans/s')} | admitted ${r.door.admitted}, already_used ${r.door.alreadyUsed}, double admissions ${r.door.doubleAdmissions}, other ${r.door.otherResults}${errors(r.door)} |`,
    doorOfflineRow(r.doorOffline),
    browseRows(r.browse),
    openPhaseRow(r.openPhase),
    lambdaInitRows(r.lambdaInit),
    dynamoCeilingRows(r.dynamoCeiling ?? []),
    `| PDF tickets (in-process, one core) | ${r.pdf.ticketsPerSecondPerCore} tickets/s; ${r.pdf.ticketsPerCpuSecond} per CPU second | | | | | | ${r.pdf.bytesPerTicket} bytes/ticket |`,
    '',
    'CPU columns are CPU time over wall time, 1 being one core, measured over the load itself: the',
    "generator's by its own process.cpuUsage(), the server's from /proc. Accounts are pre-created in",
    "the SQLite file and their tokens minted with the server's secret (thousands of scrypt logins would",
    'measure scrypt); each account registers once per event, at most 10 tickets. The bare baseline',
    "replays Ticketbooth's recorded answer for each route byte for byte (the success answer: it never",
    'sells out), after reading and parsing each request body. The rush runs while the server mails',
    'tickets (renders PDFs) in the background; door and reads start once the server is idle.',
    "The server CPU column also gives each server's CPU microseconds per request and the cost ratio",
    "(bare's over ours): the share of the bare figure Ticketbooth would reach on a core of its own. It",
    'does not depend on which process limited the run, so it is given where the throughput ratio is refused.',
    '',
  ].join('\n');
}
