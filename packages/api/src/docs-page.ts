/** A self-contained HTML page describing the OpenAPI document (no CDN: the docs work offline). */
interface OpenApiDoc {
  info: { title: string; description?: string; version: string };
  paths?: object;
}

const escape = (s: string): string =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

export function renderDocsPage(doc: OpenApiDoc): string {
  const rows: string[] = [];
  type Operation = { summary?: string; tags?: string[]; security?: unknown[] };
  for (const [path, ops] of Object.entries(doc.paths ?? {}) as [string, Record<string, Operation | undefined>][]) {
    for (const [method, op] of Object.entries(ops ?? {})) {
      if (!op) continue;
      rows.push(
        `<tr><td>${escape(op.tags?.[0] ?? '')}</td><td><code>${method.toUpperCase()}</code></td><td><code>${escape(path)}</code></td>` +
          `<td>${op.security ? 'token' : 'anyone'}</td><td>${escape(op.summary ?? '')}</td></tr>`,
      );
    }
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(doc.info.title)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:1rem auto;max-width:72rem;padding:0 1rem;color:#1b1b1f}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}code{font-size:13px}</style>
</head><body><h1>${escape(doc.info.title)} <small>v${escape(doc.info.version)}</small></h1>
<p>${escape(doc.info.description ?? '')}</p><p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).</p>
<table><thead><tr><th>Area</th><th>Method</th><th>Path</th><th>Who</th><th>What</th></tr></thead><tbody>${rows.join('')}</tbody></table></body></html>`;
}
