/** Every method of T returns a promise, so a call can wait for the adapter to be made. */
type AsyncMethods<T> = { [K in keyof T]: (...args: never[]) => Promise<unknown> };

/**
 * A port whose adapter `make` builds on the first call of any of its methods (once, even for calls
 * at the same time; again after a failed attempt). `methods` names every method, so the port is whole.
 *
 * Importing an AWS SDK client package is a large part of a Lambda's cold start; S3 and SES are used by
 * few API requests (ticket downloads, mail), so their packages load with the first such request.
 */
export function madeOnFirstCall<T extends AsyncMethods<T>>(methods: Record<keyof T, true>, make: () => Promise<T>): T {
  let made: Promise<T> | undefined;
  const adapter = (): Promise<T> =>
    (made ??= make().catch((error: unknown) => {
      made = undefined;
      throw error;
    }));
  const port = {} as T;
  for (const name of Object.keys(methods) as (keyof T)[]) {
    const call = async (...args: Parameters<T[keyof T]>) => {
      const target = await adapter();
      return target[name].apply(target, args);
    };
    port[name] = call as unknown as T[keyof T];
  }
  return port;
}
