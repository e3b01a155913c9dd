import type { Context, MiddlewareHandler } from 'hono';

/**
 * Makes `c.header()` after `await next()` set the header on the answer in place. hono copies a
 * finalized answer into a new Response first, for answers whose headers are immutable (fetch()'s);
 * on Node that copy turns the adapter's buffered answer into a web stream, so every API answer
 * paid for a Response, a ReadableStream and a streamed write (cors, compress and the cache-control
 * default each set one). Our answers' headers are mutable; an immutable one still gets hono's copy.
 * Installed first, so every later middleware's `c.header` is this one.
 */
export const headersInPlace: MiddlewareHandler = async (c, next) => {
  const copyThenSet = c.header;
  const setInPlace = (name: string, value?: string, options?: { append?: boolean }): void => {
    if (!c.finalized) return copyThenSet(name, value, options);
    const { headers } = c.res;
    try {
      if (value === undefined) headers.delete(name);
      else if (options?.append) headers.append(name, value);
      else headers.set(name, value);
    } catch {
      copyThenSet(name, value, options);
    }
  };
  c.header = setInPlace as Context['header'];
  await next();
};
