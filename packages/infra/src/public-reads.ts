import { Duration } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import type { Construct } from 'constructs';
import { PRIVATE_REQUEST_HEADER, VIEWER_AUTHORIZATION_HEADER } from '@ticketbooth/api/edge-headers';
import { viewerRequest } from './viewer-request.js';

/** The paths of the public reads (GET /api/events, GET /api/events/:id) and what lies below them. */
export const PUBLIC_READ_PATHS = ['/api/events', '/api/events/*'] as const;

/**
 * How CloudFront caches the public reads by the API's own headers (Cache-Control s-maxage,
 * stale-while-revalidate, ETag), while a request with a token never touches the cache.
 *
 * CloudFront picks a behaviour by path alone, so one behaviour serves both. Its cache key holds
 * the query string (the listing's filters) and never Authorization: on a cached GET, CloudFront then
 * strips Authorization before the origin. So a viewer-request function, for a request with a token,
 * (1) forwards it renamed (the API function puts it back: packages/api/src/home/edge-headers.ts),
 * and (2) sets a cache-key header to CloudFront's id of that one request: its key matches nothing
 * stored, nothing is stored under it (the API answers `private, no-store`), and no other viewer's
 * request is collapsed with it. Anonymous requests have no such header and share one entry per URL.
 * What a viewer sends under either name itself is dropped first.
 */
export function publicReadBehaviour(scope: Construct, origin: cloudfront.IOrigin): cloudfront.BehaviorOptions {
  const cachePolicy = new cloudfront.CachePolicy(scope, 'PublicReadsCache', {
    comment: 'Public event reads: keyed by query string (and Origin, for CORS); Authorization never in the key',
    // An answer without Cache-Control is not kept; the API's s-maxage is honoured up to a minute.
    minTtl: Duration.seconds(0),
    defaultTtl: Duration.seconds(0),
    maxTtl: Duration.seconds(60),
    queryStringBehavior: cloudfront.CacheQueryStringBehavior.all(),
    headerBehavior: cloudfront.CacheHeaderBehavior.allowList(PRIVATE_REQUEST_HEADER, 'origin'),
    cookieBehavior: cloudfront.CacheCookieBehavior.none(),
    enableAcceptEncodingGzip: true,
    enableAcceptEncodingBrotli: true,
  });
  const keyRequest = viewerRequest(
    scope,
    'PublicReadsKey',
    [
      'var headers = request.headers;',
      `delete headers['${VIEWER_AUTHORIZATION_HEADER}'];`,
      `delete headers['${PRIVATE_REQUEST_HEADER}'];`,
      'if (headers.authorization) {',
      `  headers['${VIEWER_AUTHORIZATION_HEADER}'] = { value: headers.authorization.value };`,
      `  headers['${PRIVATE_REQUEST_HEADER}'] = { value: event.context.requestId };`,
      '}',
    ],
    'A request with a token: forwarded renamed, under a cache key of its own',
  );
  return {
    origin,
    viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
    allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
    cachedMethods: cloudfront.CachedMethods.CACHE_GET_HEAD,
    cachePolicy,
    // Everything else the viewer sent (Idempotency-Key, Content-Type, the renamed token) reaches the API.
    originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    compress: true,
    functionAssociations: [keyRequest],
  };
}
