import { lazy, type ComponentType } from 'react';

/**
 * A page loaded on first visit (its own chunk in the build), so the home page does not download
 * every page's code (the scanner's decoder, the dashboard's chart...). Pages are named exports.
 */
export function lazyPage<Name extends string>(load: () => Promise<Record<Name, ComponentType>>, name: Name) {
  return lazy(async () => ({ default: (await load())[name] }));
}
