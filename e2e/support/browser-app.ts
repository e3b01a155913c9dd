import { rmSync } from 'node:fs';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser.js';
import { buildWeb, startApp, type RunningApp } from './server.js';

export interface BrowserApp {
  /** The server's base URL, once the file's `beforeAll` has started it. */
  readonly url: string;
  /** A page in a browser context of its own, closed with the others after the file's tests. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
}

/**
 * The built web app on a real server, and a Chromium: started before a test file's tests and
 * stopped after them. Call it at the top of the file's `describe`, before the file's own hooks.
 */
export function useBrowserApp(env: Record<string, string> = {}): BrowserApp {
  let webDir = '';
  let app: RunningApp | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const started = <T>(thing: T | undefined): T => {
    if (thing === undefined) throw new Error('The app starts in beforeAll: use it inside a test or a later hook.');
    return thing;
  };

  beforeAll(async () => {
    webDir = buildWeb();
    app = await startApp(webDir, env);
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await app?.stop();
    if (webDir) rmSync(webDir, { recursive: true, force: true });
  });

  return {
    get url() {
      return started(app).url;
    },
    async newPage(options = {}) {
      const context = await started(browser).newContext(options);
      contexts.push(context);
      return context.newPage();
    },
  };
}
