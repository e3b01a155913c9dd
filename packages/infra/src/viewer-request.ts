import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import type { Construct } from 'constructs';

/**
 * A CloudFront Function run on every viewer request of a behaviour, as the behaviour's association.
 * `body`: the handler's lines between taking `request` from the event and returning it.
 */
export function viewerRequest(scope: Construct, id: string, body: string[], comment?: string): cloudfront.FunctionAssociation {
  const lines = ['function handler(event) {', '  var request = event.request;', ...body.map((line) => `  ${line}`), '  return request;', '}'];
  const fn = new cloudfront.Function(scope, id, {
    runtime: cloudfront.FunctionRuntime.JS_2_0,
    ...(comment === undefined ? {} : { comment }),
    code: cloudfront.FunctionCode.fromInline(lines.join('\n')),
  });
  return { function: fn, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST };
}
