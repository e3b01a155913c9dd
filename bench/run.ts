import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeMachine, machine } from './lib/machine.js';
import { ROOT } from './lib/processes.js';
import { FULL, QUICK, stage, type Sizes, type Stage } from './scenarios/context.js';
import { rush, rushes } from './scenarios/rush.js';
import { door } from './scenarios/door.js';
import { doorOffline } from './scenarios/door-offline.js';
import { pdf } from './scenarios/pdf.js';
import { browse } from './scenarios/browse.js';
import { openPhase } from './scenarios/open-phase.js';
import { generatorCeiling } from './scenarios/generator.js';
import { lambdaInit } from './scenarios/lambda-init.js';
import { dynamoCeiling, dynamoCeilingRows } from './scenarios/dynamo-ceiling.js';
import { compareFiles } from './compare.js';
import { browseRows, rushRows, doorOfflineRow, lambdaInitRows, markdown, openPhaseRow, type Results } from './report.js';

/**
 * `npm run bench` (full sizes), `npm run bench -- --quick` (a smoke run), `npm run bench -- pdf`
 * (the PDF scenario alone, e.g. under --cpu-prof), `-- lambda-init` (the Lambda bundles' cold import), `-- dynamo-ceiling` (the simulated per-event ceiling on DynamoDB), `npm run bench -- door-offline`, `-- browse`, `-- rush` or `-- open-phase`
 * (that scenario alone, on a server of its own), `npm run bench -- compare <a.json> <b.json>`.
 * Each HTTP figure is printed beside its bare node:http baseline from the same run; nothing asserts speed.
 */
async function bench(quick: boolean, sizes: Sizes): Promise<void> {
  const m = machine();
  const began = Date.now();
  console.log(`Ticketbooth bench (${quick ? 'quick' : 'full'}) on ${describeMachine(m)}`);
  // PDFs first, alone: later the server's outbox renders ticket mails in the background.
  console.log('pdf…');
  const pdfResult = await pdf(sizes.pdfCount);
  console.log('lambda init…');
  const lambdaResult = await lambdaInit(sizes.lambdaRuns);
  console.log('DynamoDB ceiling…');
  const ceilingResult = await dynamoCeiling(quick);
  console.log('load generator ceiling…');
  const generator = await generatorCeiling(sizes);
  const s = await stage(sizes);
  let results: Results;
  try {
    console.log('rush (free)…');
    const free = await rush(s, sizes, 'free');
    console.log('rush (paid)…');
    const paid = await rush(s, sizes, 'paid');
    console.log('door…');
    const doorResult = await door(s, sizes);
    console.log('door offline…');
    const doorOfflineResult = await doorOffline(s, sizes);
    console.log('browse…');
    const reads = await browse(s, sizes);
    console.log('open phase…');
    const open = await openPhase(s, sizes);
    results = { date: new Date().toISOString(), mode: quick ? 'quick' : 'full', machine: m, generator, rush: { free, paid }, door: doorResult, doorOffline: doorOfflineResult, browse: reads, openPhase: open, pdf: pdfResult, lambdaInit: lambdaResult, dynamoCeiling: ceilingResult, seconds: Math.round((Date.now() - began) / 1000) };
  } finally {
    await s.close();
  }
  const table = markdown(results);
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${results.date.slice(0, 10)}${quick ? '-quick' : ''}.json`), JSON.stringify(results, null, 2));
  if (!quick) writeFileSync(join(dir, 'latest.md'), table);
  console.log(`\n${table}`);
}

/** Scenarios that can run alone, each on a server of its own: name -> its run and its table row. */
const ALONE: Record<string, { rushRequests?: number; run(s: Stage, sizes: Sizes): Promise<unknown>; row(result: never): string }> = {
  'door-offline': { rushRequests: 0, run: doorOffline, row: doorOfflineRow },
  browse: { rushRequests: 0, run: browse, row: browseRows },
  'open-phase': { run: openPhase, row: openPhaseRow },
  rush: { run: rushes, row: rushRows },
};

/** One scenario on a server of its own: its row under the machine line, and its JSON. */
async function alone(name: string, quick: boolean, sizes: Sizes): Promise<void> {
  const scenario = ALONE[name]!;
  console.log(`Ticketbooth bench, ${name} (${quick ? 'quick' : 'full'}) on ${describeMachine(machine())}`);
  const s = await stage({ ...sizes, rushRequests: scenario.rushRequests ?? sizes.rushRequests });
  try {
    const result = await scenario.run(s, sizes);
    console.log(scenario.row(result as never));
    console.log(JSON.stringify(result));
  } finally {
    await s.close();
  }
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'compare') {
    if (rest.length !== 2) throw new Error('usage: npm run bench -- compare <a.json> <b.json>');
    return compareFiles(rest[0]!, rest[1]!);
  }
  const quick = process.argv.includes('--quick');
  const sizes = quick ? QUICK : FULL;
  if (command === 'pdf') {
    console.log(JSON.stringify(await pdf(sizes.pdfCount)));
    return;
  }
  if (command === 'dynamo-ceiling') {
    const result = await dynamoCeiling(quick);
    console.log(dynamoCeilingRows(result));
    console.log(JSON.stringify(result));
    return;
  }
  if (command === 'lambda-init') {
    const result = await lambdaInit(sizes.lambdaRuns);
    console.log(lambdaInitRows(result));
    console.log(JSON.stringify(result));
    return;
  }
  if (command !== undefined && command in ALONE) return alone(command, quick, sizes);
  await bench(quick, sizes);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
