import { readFileSync } from 'node:fs';
import { build, type BuildOptions } from 'esbuild';
import { englishZodLocales } from '../src/english-zod-locales.js';

/**
 * Bundles a function's index.mjs with the esbuild options in the JSON file named by the argument,
 * plus the plugins the esbuild CLI (which NodejsFunction runs) cannot take. Run by the function's
 * afterBundling hook (function-bundle.ts); its output replaces the CLI's index.mjs.
 */
const options = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as BuildOptions;
await build({ ...options, bundle: true, plugins: [englishZodLocales], logLevel: 'warning' });
