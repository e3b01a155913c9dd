import sharp from 'sharp';
import type { EventWithCounts, Principal, Services } from '@ticketbooth/core';

/**
 * Cover images for the demo events, drawn here (gradients and shapes, no photos, no outside
 * artwork: nothing to license) and uploaded through the same path as an organizer's image.
 */

const PALETTES: Readonly<Record<string, readonly [string, string, string]>> = {
  Technology: ['#1e3a8a', '#0ea5e9', '#a5f3fc'],
  Music: ['#581c87', '#db2777', '#fde047'],
  Business: ['#0f172a', '#334155', '#f59e0b'],
  'Food & Drink': ['#7c2d12', '#ea580c', '#fed7aa'],
  Sports: ['#064e3b', '#16a34a', '#d9f99d'],
  Comedy: ['#9a3412', '#facc15', '#fff7ed'],
  Arts: ['#be123c', '#7c3aed', '#fbcfe8'],
  'Health & Wellness': ['#134e4a', '#2dd4bf', '#ecfeff'],
  Gaming: ['#111827', '#8b5cf6', '#22d3ee'],
  Charity: ['#831843', '#f43f5e', '#fde68a'],
};
const FALLBACK: readonly [string, string, string] = ['#312e81', '#6366f1', '#e0e7ff'];

/** A 1600x900 picture: a diagonal gradient, soft circles placed by the event's index, and a band of light. */
export function demoImageSvg(category: string, index: number): string {
  const [deep, bright, light] = PALETTES[category] ?? FALLBACK;
  const circles = Array.from({ length: 6 }, (_, i) => {
    const seed = (index + 1) * 37 + i * 101;
    const cx = (seed * 53) % 1600;
    const cy = (seed * 29) % 900;
    const r = 90 + ((seed * 17) % 260);
    return `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${i % 2 ? light : bright}" opacity="${0.18 + (i % 3) * 0.08}"/>`;
  }).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900" viewBox="0 0 1600 900">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${deep}"/><stop offset="1" stop-color="${bright}"/></linearGradient>
    <linearGradient id="band" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="${light}" stop-opacity="0"/><stop offset="0.5" stop-color="${light}" stop-opacity="0.35"/><stop offset="1" stop-color="${light}" stop-opacity="0"/></linearGradient>
  </defs>
  <rect width="1600" height="900" fill="url(#bg)"/>
  ${circles}
  <path d="M0 ${620 - index * 12} C 400 ${520 + index * 9}, 1100 ${760 - index * 7}, 1600 ${600 + index * 5} L1600 900 L0 900 Z" fill="${deep}" opacity="0.35"/>
  <rect x="0" y="${300 + index * 17}" width="1600" height="80" fill="url(#band)" transform="rotate(-8 800 450)"/>
</svg>`;
}

/** Draws and sets the demo event's cover image, as its organizer would upload it. */
export async function addDemoImage(services: Services, organizer: Principal, event: EventWithCounts, index: number): Promise<void> {
  const png = await sharp(Buffer.from(demoImageSvg(event.category, index))).png().toBuffer();
  await services.eventImages.set(organizer, event.id, { contentType: 'image/png', read: async () => new Uint8Array(png) });
}
