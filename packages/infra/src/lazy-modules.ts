import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync, type BuildOptions } from 'esbuild';

/**
 * Modules the functions load with a dynamic import() on first use, which few requests make. Inside
 * index.mjs they would be evaluated late but still parsed at every cold start (esbuild inlines an
 * import() of a bundled module, and NodejsFunction cannot split), so each is left out of index.mjs
 * and bundled on its own into the asset's node_modules, where Node finds it by the same path.
 */
export const LAZY_MODULES = [
  // pdfkit, fontkit, brotli, QR: about 1.3 MB; PDFs are rendered by few API requests (downloads, renames).
  '@ticketbooth/tickets/pdf',
  // The common-password list: about 420 KB, read by sign-ups and password changes.
  '@zxcvbn-ts/language-common',
  // Stripe's library: about 240 KB, used by payment requests only (and only with PAYMENTS=stripe).
  '@ticketbooth/adapters-stripe',
  // Cognito's client with every operation's schema: about 400 KB bundled, and 10 MiB once evaluated;
  // account calls (sign-up, login, refresh) need it, checking an access token does not.
  '@aws-sdk/client-cognito-identity-provider',
  // MIME composition for mail with attachments: about 140 KB.
  'nodemailer/lib/mail-composer',
  // The SDK's credential sources after the environment (which is where Lambda puts the role's
  // credentials): profiles, SSO, web identity, a process; about 90 KB with their STS/SSO clients.
  '@aws-sdk/credential-provider-ini',
  '@aws-sdk/credential-provider-process',
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-web-identity',
];

/** A specifier's package (`@scope/name` or `name`) and the subpath after it (`.` for the package itself). */
function split(specifier: string): { pkg: string; subpath: string } {
  const parts = specifier.split('/');
  const length = specifier.startsWith('@') ? 2 : 1;
  const rest = parts.slice(length).join('/');
  return { pkg: parts.slice(0, length).join('/'), subpath: rest ? `./${rest}` : '.' };
}

/** Where a lazy module's bundle lies inside node_modules/<package>/. */
const fileOf = (subpath: string) => (subpath === '.' ? './index.mjs' : `${subpath}.mjs`);

const built = new Map<string, string>();

/**
 * Bundles every lazy module once per synth (both functions copy the same files) with the functions'
 * own esbuild options, each into node_modules/<package>/ with a package.json whose exports name it.
 */
function buildLazyModules(repoRoot: string, options: BuildOptions): string {
  const key = JSON.stringify([repoRoot, options]);
  const done = built.get(key);
  if (done) return done;
  const dir = mkdtempSync(join(tmpdir(), 'ticketbooth-lazy-modules-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const exportsOf = new Map<string, Record<string, string>>();
  for (const specifier of LAZY_MODULES) {
    const { pkg, subpath } = split(specifier);
    const file = fileOf(subpath);
    buildSync({ ...options, entryPoints: [specifier], absWorkingDir: repoRoot, bundle: true, outfile: join(dir, 'node_modules', pkg, file) });
    exportsOf.set(pkg, { ...exportsOf.get(pkg), [subpath]: file });
  }
  for (const [pkg, exports] of exportsOf) {
    mkdirSync(join(dir, 'node_modules', pkg), { recursive: true });
    writeFileSync(join(dir, 'node_modules', pkg, 'package.json'), `${JSON.stringify({ name: pkg, private: true, type: 'module', exports })}\n`);
  }
  built.set(key, dir);
  return dir;
}

/** Shell commands (for afterBundling) that put the lazy modules' bundles into the asset. */
export function lazyModuleCommands(repoRoot: string, output: string, options: BuildOptions): string[] {
  const dir = buildLazyModules(repoRoot, options);
  return [`mkdir -p "${join(output, 'node_modules')}"`, `cp -R "${join(dir, 'node_modules')}/." "${join(output, 'node_modules')}/"`];
}
