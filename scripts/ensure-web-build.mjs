// Builds the web app before `npm start` when its build is missing or older than its sources,
// so a fresh clone serves the pages without a separate build step.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const web = 'packages/web';
const built = join(web, 'dist', 'index.html');
if (!existsSync(join(web, 'index.html')) || !existsSync(join(web, 'src'))) process.exit(0);

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const sources = Math.max(...['src', 'public', 'build'].filter((d) => existsSync(join(web, d))).map((d) => newest(join(web, d))), ...['index.html', 'vite.config.ts'].filter((f) => existsSync(join(web, f))).map((f) => statSync(join(web, f)).mtimeMs));
if (existsSync(built) && statSync(built).mtimeMs >= sources) process.exit(0);
console.log('Building the web app (first start or changed sources)…');
execSync('npx vite build --logLevel warn', { cwd: web, stdio: 'inherit' });
