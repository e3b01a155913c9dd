/**
 * The app pages whose HTML carries share tags on AWS: the listing and the event pages. CloudFront
 * sends these paths to the API function instead of the web bucket (packages/infra), and the
 * function answers them (share-pages.ts): one list, so the behaviours and the routes agree.
 * '/index.html' is the listing as CloudFront's default root object names "/".
 * (A file of its own: the CDK app reads it without the API's dependencies.)
 */
export const SHARE_PAGE_PATHS = ['/index.html', '/events', '/events/*'] as const;
