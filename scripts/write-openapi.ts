import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { openApiArtifacts } from './openapi-artifacts.js';

/** `npm run openapi`: writes the OpenAPI document and the web's types from the API's zod schemas. */
for (const { path, text } of await openApiArtifacts()) {
  writeFileSync(path, text);
  console.log(`wrote ${relative(process.cwd(), path)}`);
}
