export type AsyncMethod = (...args: unknown[]) => Promise<unknown>;

/** The same object with each of its methods (all async) replaced by `wrap(method)`. */
export function wrapMethods<T extends object>(methods: T, wrap: (method: AsyncMethod) => AsyncMethod): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(methods)) wrapped[name] = wrap(method as AsyncMethod);
  return wrapped as unknown as T;
}
