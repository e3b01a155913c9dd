import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { App } from '../context.js';

/**
 * /api/docs: Swagger UI (swagger-ui-dist) over /api/openapi.json, every file from this origin so the
 * page works offline and under the app's CSP, which allows no inline script: the page loads the
 * bundle and then INIT_SCRIPT from their own URLs.
 */

const ASSETS = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
} as const;
type AssetName = keyof typeof ASSETS;

const INIT_SCRIPT = `window.ui = SwaggerUIBundle({
  url: '/api/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
  defaultModelsExpandDepth: 1,
  displayOperationId: true,
  showCommonExtensions: true,
  validatorUrl: null,
});
`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Ticketbooth API reference</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>
`;

/** The package's folder; the Lambda bundle ships the two files under node_modules/swagger-ui-dist too. */
const swaggerUiDir = (): string => dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const loaded = new Map<AssetName, string>();
function asset(name: AssetName): string {
  let text = loaded.get(name);
  if (text === undefined) {
    text = readFileSync(join(swaggerUiDir(), name), 'utf8');
    loaded.set(name, text);
  }
  return text;
}

export function apiDocs(app: App): void {
  app.get('/api/docs', (c) => c.html(PAGE));
  app.get('/api/docs/init.js', (c) => c.body(INIT_SCRIPT, 200, { 'content-type': 'text/javascript; charset=utf-8' }));
  for (const name of Object.keys(ASSETS) as AssetName[]) {
    // Not fingerprinted: an hour of caching means a new version shows at most an hour after a deploy.
    app.get(`/api/docs/${name}`, (c) => c.body(asset(name), 200, { 'content-type': ASSETS[name], 'cache-control': 'public, max-age=3600' }));
  }
}
