import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import type { Construct } from 'constructs';
import { SHARE_PAGE_PATHS } from '@ticketbooth/api/share-paths';
import { viewerRequest } from './viewer-request.js';

/**
 * The listing's and the event pages' HTML from the API function, which writes the page's
 * description and Open Graph tags into the web bucket's index.html: link previews and crawlers run
 * no JavaScript, so the tags must be in the HTML as sent (every viewer gets the same page, so no
 * user-agent sniffing). Not cached: an edited or unpublished event's tags change at once. CloudFront
 * does not forward Host to the HTTP API, so a viewer-request function passes the viewer's host as
 * X-Forwarded-Host (for og:url when the stack has no domain of its own), replacing any the viewer sent.
 */
export function sharePageBehaviours(scope: Construct, origin: cloudfront.IOrigin): Record<string, cloudfront.BehaviorOptions> {
  const forwardHost = viewerRequest(scope, 'SharePageHost', ["request.headers['x-forwarded-host'] = { value: request.headers.host.value };"], "A share page: the viewer's host, as X-Forwarded-Host");
  const behaviour: cloudfront.BehaviorOptions = {
    origin,
    viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
    allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
    cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
    originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    functionAssociations: [forwardHost],
  };
  return Object.fromEntries(SHARE_PAGE_PATHS.map((path) => [path, behaviour]));
}
