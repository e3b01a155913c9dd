import { formatEventWhen, imageUrl, variantOf, type Event } from '@ticketbooth/core';

/**
 * The description and Open Graph tags of a page, written into index.html by the server: link
 * previews and crawlers read the HTML as sent and run no JavaScript. An event with a cover image
 * shares its 1200x630 variant as og:image.
 */

export type SharedEvent = Pick<Event, 'id' | 'name' | 'description' | 'location' | 'startsAt' | 'endsAt' | 'openEnded' | 'timezone'> & Partial<Pick<Event, 'image'>>;

interface ShareTags {
  title: string;
  description: string;
  url: string;
  image?: { url: string; width: number; height: number; alt: string };
}

const SITE = 'Ticketbooth';
const LISTING_DESCRIPTION = 'Upcoming events on Ticketbooth: find one, register, and get your ticket by email.';
const MAX_DESCRIPTION = 300;
const EVENT_PATH = /^\/events\/([^/]{1,100})\/?$/;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** One line, cut at a word near the limit: a preview shows a sentence or two. */
function summary(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= MAX_DESCRIPTION) return line;
  const cut = line.slice(0, MAX_DESCRIPTION - 1);
  return `${cut.slice(0, cut.lastIndexOf(' ') > MAX_DESCRIPTION / 2 ? cut.lastIndexOf(' ') : cut.length)}…`;
}

/** The event id an app path names, when it is an event page ("/events/evt_1"). */
export function eventIdOfPath(path: string): string | null {
  const match = EVENT_PATH.exec(path);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

/** An event's tags, or the listing's (for the home page, and any page that is not a public event). */
export function shareTags(publicUrl: string, event: SharedEvent | null): ShareTags {
  if (!event) return { title: SITE, description: LISTING_DESCRIPTION, url: `${publicUrl}/` };
  const share = event.image ? variantOf(event.image, 'share') : undefined;
  return {
    title: `${event.name} · ${SITE}`,
    description: summary(`${formatEventWhen(event)}, ${event.location}. ${event.description}`),
    url: `${publicUrl}/events/${encodeURIComponent(event.id)}`,
    ...(share && { image: { url: `${publicUrl}${imageUrl(share.key)}`, width: share.width, height: share.height, alt: event.image!.alt ?? event.name } }),
  };
}

/** index.html with the page's title, description and Open Graph tags, every value escaped. */
export function withShareTags(indexHtml: string, tags: ShareTags): string {
  const [title, description, url] = [tags.title, tags.description, tags.url].map(escapeHtml);
  const head = [
    `<title>${title}</title>`,
    `<meta name="description" content="${description}" />`,
    `<meta property="og:site_name" content="${SITE}" />`,
    `<meta property="og:type" content="website" />`,
    `<meta property="og:title" content="${title}" />`,
    `<meta property="og:description" content="${description}" />`,
    `<meta property="og:url" content="${url}" />`,
    ...(tags.image
      ? [
          `<meta property="og:image" content="${escapeHtml(tags.image.url)}" />`,
          `<meta property="og:image:width" content="${tags.image.width}" />`,
          `<meta property="og:image:height" content="${tags.image.height}" />`,
          `<meta property="og:image:alt" content="${escapeHtml(tags.image.alt)}" />`,
          '<meta name="twitter:card" content="summary_large_image" />',
        ]
      : []),
  ].join('\n    ');
  return indexHtml.replace(/\s*<title>[^<]*<\/title>/, '').replace('</head>', () => `    ${head}\n  </head>`);
}
