/**
 * What CloudFront's viewer-request function on the cached API paths (packages/infra) does to a
 * request with a token. CloudFront strips Authorization from a GET whose cache key leaves it out,
 * so the token travels renamed; and the request gets a cache-key header unique to it, so it is
 * never answered from the cache nor collapsed with another viewer's request (CloudFront collapses
 * simultaneous misses on one key whatever Cache-Control the answer carries).
 */
export const VIEWER_AUTHORIZATION_HEADER = 'x-viewer-authorization';
export const PRIVATE_REQUEST_HEADER = 'x-private-request';

/** The Lambda event with the viewer's token back in Authorization, where the API reads it. */
export function withViewerAuthorization<E extends { headers?: Record<string, string | undefined> }>(event: E): E {
  const headers = event.headers;
  const token = headers?.[VIEWER_AUTHORIZATION_HEADER];
  if (!headers || token === undefined) return event;
  const { [VIEWER_AUTHORIZATION_HEADER]: _renamed, ...rest } = headers;
  return { ...event, headers: { ...rest, authorization: headers.authorization ?? token } };
}
