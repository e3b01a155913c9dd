import { describe, expect, it } from 'vitest';
import { withViewerAuthorization } from '../src/home/edge-headers.js';

describe('the token CloudFront forwards renamed on the cached paths', () => {
  it('is put back in Authorization, and the renamed header dropped', () => {
    const event = { rawPath: '/api/events/evt_1', headers: { host: 'api', 'x-viewer-authorization': 'Bearer abc' } };
    expect(withViewerAuthorization(event)).toEqual({ rawPath: '/api/events/evt_1', headers: { host: 'api', authorization: 'Bearer abc' } });
  });

  it('never replaces an Authorization header that did arrive', () => {
    const event = { headers: { authorization: 'Bearer real', 'x-viewer-authorization': 'Bearer other' } };
    expect(withViewerAuthorization(event).headers).toEqual({ authorization: 'Bearer real' });
  });

  it('leaves an anonymous request as it is', () => {
    const event = { headers: { host: 'api' } };
    expect(withViewerAuthorization(event)).toBe(event);
  });
});
