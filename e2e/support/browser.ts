import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ROOT } from './server.js';

/**
 * Debian's Chromium, headless; `CHROMIUM_PATH` points elsewhere (another distribution, macOS).
 * Missing Chromium fails the run: these tests are never skipped.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const BASE_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const SCREENSHOT_DIR = join(ROOT, 'test-results/screenshots');

function installedChromium(): string {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run \`apt-get install -y chromium poppler-utils ffmpeg\``);
  return CHROMIUM;
}

export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: installedChromium(), headless: true, args: [...BASE_ARGS, ...extraArgs] });
}

/** Chromium's camera shows this video (a QR from writeQrVideo), with the permission granted. */
export const fakeCameraArgs = (video: string): string[] => ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${video}`];

/**
 * A phone-sized browser whose profile (IndexedDB, service worker, caches) lives in `profileDir` and
 * so outlives the browser: closing and relaunching is a phone put away and taken out again. With
 * `cameraVideo`, the camera shows that video (a QR from writeQrVideo).
 */
export async function launchPhone(profileDir: string, cameraVideo?: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: installedChromium(),
    headless: true,
    args: [...BASE_ARGS, ...(cameraVideo ? fakeCameraArgs(cameraVideo) : [])],
    viewport: { width: 390, height: 844 },
    permissions: cameraVideo ? ['camera'] : [],
    acceptDownloads: true,
  });
}

export const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
] as const;

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Serious or critical accessibility problems on the current page, per axe-core. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated over the DevTools protocol: the app's strict CSP (no inline scripts) stays on in tests.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Screenshots the page at both sizes and returns its serious axe violations (checked at each size). */
export async function captureAndAudit(page: Page, name: string): Promise<string[]> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const original = page.viewportSize();
  const scroll = await page.evaluate(() => ({ x: scrollX, y: scrollY }));
  const problems: string[] = [];
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await page.waitForTimeout(100);
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${viewport.width}x${viewport.height}.png`), fullPage: true });
    for (const v of await seriousViolations(page)) {
      problems.push(`${name} @${viewport.width}: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    }
  }
  if (original) await page.setViewportSize(original);
  // Chromium keeps the phone layout's (taller) scroll offset after the viewport is restored and clamps
  // it only at the next input, so a test's next click would land where the page has just jumped from.
  await page.evaluate(({ x, y }) => scrollTo(x, y), scroll);
  return problems;
}
