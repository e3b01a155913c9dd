/** `localhost`, 127.0.0.0/8 and [::1], each with or without a port. */
const LOOPBACK_HOST = /^(?:localhost|127(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}|\[::1\])(?::\d{1,5})?$/i;

/**
 * Whether a Host header names this computer. A page on another site can resolve its own name to
 * 127.0.0.1 (DNS rebinding) and so reach a loopback-only route; its requests still carry that
 * foreign name in Host, which is what this refuses.
 */
export const isLoopbackHost = (host: string | undefined): boolean => host !== undefined && LOOPBACK_HOST.test(host);
