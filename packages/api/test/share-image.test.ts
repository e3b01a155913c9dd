import { describe, expect, it } from 'vitest';
import { makeEvent } from '@ticketbooth/testkit';
import { shareTags, withShareTags } from '../src/home/share-meta.js';

const INDEX = '<html><head><title>Ticketbooth</title></head><body></body></html>';
const tag = (html: string, name: string) => new RegExp(`<meta (?:property|name)="${name}" content="([^"]*)"`).exec(html)?.[1];

describe('share tags of an event with a cover image', () => {
  it("name its 1200x630 share variant as og:image, by absolute URL, with its size and the image's alt text", () => {
    const event = makeEvent({ id: 'evt_share', name: 'Harbour "Lights"' });
    const image = {
      version: 'img_1',
      alt: null,
      variants: [
        { kind: 'page' as const, key: 'events/evt_share/img_1/page.webp', width: 1280, height: 720, contentType: 'image/webp' },
        { kind: 'share' as const, key: 'events/evt_share/img_1/share.jpg', width: 1200, height: 630, contentType: 'image/jpeg' },
      ],
    };
    const html = withShareTags(INDEX, shareTags('https://tickets.example', { ...event, image }));
    expect(tag(html, 'og:image')).toBe('https://tickets.example/images/events/evt_share/img_1/share.jpg');
    expect([tag(html, 'og:image:width'), tag(html, 'og:image:height')]).toEqual(['1200', '630']);
    expect(tag(html, 'og:image:alt')).toBe('Harbour &quot;Lights&quot;');
    expect(tag(html, 'twitter:card')).toBe('summary_large_image');
    expect(withShareTags(INDEX, shareTags('https://tickets.example', event))).not.toContain('og:image');
  });
});
