import { dirname, join, sep } from 'node:path';
import type { Plugin } from 'esbuild';

const NAMESPACE = 'english-zod-locales';

/**
 * zod's locales index, which zod's namespace and its core re-export, resolves to English alone:
 * the one locale the API uses (zod's default; nothing calls z.config with another). @hono/zod-openapi
 * hands the whole `z` namespace to zod-to-openapi, so esbuild cannot drop the unused languages
 * itself: about 250 KB of the function bundle, parsed at every cold start.
 */
export const englishZodLocales: Plugin = {
  name: NAMESPACE,
  setup(build) {
    const zodDirs = [`${sep}zod${sep}v4${sep}classic${sep}`, `${sep}zod${sep}v4${sep}core${sep}`];
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, ({ importer, path }) =>
      zodDirs.some((dir) => importer.includes(dir)) ? { path: join(dirname(importer), path), namespace: NAMESPACE } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: NAMESPACE }, ({ path }) => ({ contents: "export { default as en } from './en.js';", resolveDir: dirname(path), loader: 'js' }));
  },
};
