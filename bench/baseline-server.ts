import http from 'node:http';

/**
 * The bare baseline: node:http with nothing else — it reads a POST's JSON body and answers with
 * the same number of bytes our server answers with, and serves the listing's bytes for GET.
 */
const postBody = process.env.BASELINE_POST_BODY ?? '{}';
const getBody = process.env.BASELINE_GET_BODY ?? '{}';

http
  .createServer((req, res) => {
    if (req.method === 'POST') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        JSON.parse(Buffer.concat(chunks).toString() || '{}');
        res.writeHead(200, { 'content-type': 'application/json' }).end(postBody);
      });
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(req.url === '/health' ? '{"status":"ok"}' : getBody);
  })
  .listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
