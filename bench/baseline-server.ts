import http from 'node:http';
import { readFileSync } from 'node:fs';
import { routeKey, type RecordedAnswers } from './lib/recorded-answers.js';

/**
 * The bare baseline: node:http with nothing else. It reads each request's body (and parses it when
 * JSON, as the real server must), then answers with the status and exact bytes Ticketbooth answered
 * the same route with (BASELINE_ANSWERS, a file of recorded answers; ids in paths match any id).
 */
const answers = JSON.parse(readFileSync(process.env.BASELINE_ANSWERS!, 'utf8')) as RecordedAnswers;
const prepared = new Map(Object.entries(answers).map(([key, a]) => [key, { status: a.status, body: Buffer.from(a.body, 'base64') }]));
const notFound = Buffer.from('{"error":{"code":"not_found"}}');

http
  .createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (chunks.length > 0) JSON.parse(Buffer.concat(chunks).toString());
      const answer = req.url === '/health' ? { status: 200, body: Buffer.from('{"status":"ok"}') } : prepared.get(routeKey(req.method ?? 'GET', req.url ?? '/'));
      res.writeHead(answer?.status ?? 404, { 'content-type': 'application/json', 'content-length': (answer?.body ?? notFound).length }).end(answer?.body ?? notFound);
    });
  })
  .listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
