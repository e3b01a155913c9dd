import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * sharp is a native module: esbuild cannot bundle it, and the copy in the repository's
 * node_modules is built for the machine that ran `npm install` (x64 here), not for the functions'
 * arm64. So the bundle leaves `sharp` external and each asset gets sharp with the linux-arm64 glibc
 * binaries (@img/sharp-linux-arm64, @img/sharp-libvips-linux-arm64) from the npm registry, at the
 * versions the lockfile pins, installed once per synth machine into a cache and copied from there.
 */
export const LAMBDA_PLATFORM = { os: 'linux', cpu: 'arm64', libc: 'glibc' } as const;
const NATIVE_PACKAGES = [`@img/sharp-${LAMBDA_PLATFORM.os}-${LAMBDA_PLATFORM.cpu}`, `@img/sharp-libvips-${LAMBDA_PLATFORM.os}-${LAMBDA_PLATFORM.cpu}`];

interface LockedPackage {
  version: string;
  optionalDependencies?: Record<string, string>;
}

/** sharp and its arm64 binaries as `name@version`, from the lockfile (what the code was tested with). */
export function lambdaSharpPackages(repoRoot: string): string[] {
  const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockedPackage> };
  const sharp = lock.packages['node_modules/sharp'];
  if (!sharp) throw new Error('sharp is not in package-lock.json: run npm install at the repository root.');
  return [
    `sharp@${sharp.version}`,
    ...NATIVE_PACKAGES.map((name) => {
      const version = sharp.optionalDependencies?.[name];
      if (!version) throw new Error(`sharp ${sharp.version} names no ${name}.`);
      return `${name}@${version}`;
    }),
  ];
}

/** Shell commands (for afterBundling) that put sharp for arm64 into the asset's node_modules. */
export function lambdaSharpCommands(repoRoot: string, output: string): string[] {
  const packages = lambdaSharpPackages(repoRoot);
  const parent = join(repoRoot, 'node_modules', '.cache', 'ticketbooth-lambda-sharp');
  const cache = join(parent, packages.join('+').replace(/[@/]/g, '_'));
  const { os, cpu, libc } = LAMBDA_PLATFORM;
  // --force: npm refuses binaries for another platform even when asked by name. Installed beside the
  // cache and renamed into place, so two synths at once never share a half-written folder.
  const install = `npm install --prefix "$tmp" --no-save --no-package-lock --no-audit --no-fund --ignore-scripts --force --os=${os} --cpu=${cpu} --libc=${libc} ${packages.join(' ')}`;
  return [
    `[ -f "${join(cache, 'node_modules', 'sharp', 'package.json')}" ] || { mkdir -p "${parent}" && tmp=$(mktemp -d "${parent}/install.XXXXXX") && ${install} && { mv -T "$tmp" "${cache}" || rm -rf "$tmp"; }; }`,
    `mkdir -p "${join(output, 'node_modules')}"`,
    `cp -R "${join(cache, 'node_modules')}/." "${join(output, 'node_modules')}/"`,
  ];
}
