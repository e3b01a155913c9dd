import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApiArtifacts } from '../../../scripts/openapi-artifacts.js';

describe('the committed contract files', () => {
  it('are what `npm run openapi` makes from the zod schemas now (run it after changing a schema or route)', async () => {
    const artifacts = await openApiArtifacts();
    expect(artifacts.length).toBe(2);
    for (const { path, text } of artifacts) {
      const committed = readFileSync(path, 'utf8');
      expect(committed === text, `${relative(process.cwd(), path)} is stale: run npm run openapi`).toBe(true);
    }
  });
});
