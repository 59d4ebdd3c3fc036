/**
 * What the browser tests share: the local stack in this process, Debian's headless Chromium driven
 * by playwright-core, the mailbox (through the local driver), and screenshots of every page under
 * test-results/screenshots/.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { Driver } from '#local/driver.ts';
import { type LocalStack, startLocalStack } from '#local/stack.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = new URL('../../test-results/screenshots/', import.meta.url).pathname;
export const fixture = (path: string) => new URL(`../fixtures/${path}`, import.meta.url).pathname;

// The demo staff and the labels of their emailed links, as the integration tests know them.
export { LABELS as LINKS, STAFF } from '../integration/support.ts';

export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1280, height: 900 };

export interface E2E {
  stack: LocalStack;
  driver: Driver;
  browser: Browser;
  /** A fresh browser profile (cookies, storage) in a language and a viewport. */
  context(options: { locale: string; viewport: { width: number; height: number } }): Promise<BrowserContext>;
  close(): Promise<void>;
}

export async function startE2E(): Promise<E2E> {
  const dataDir = mkdtempSync(join(tmpdir(), 'so-e2e-'));
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Fast enough that nothing waits on real time, slow enough that an upload window (15 simulated
  // minutes: 30 s) outlasts a slow browser upload on a busy machine.
  const stack = await startLocalStack({
    dataDir,
    ports: 0,
    speed: 30,
    quiet: true,
    textract: { jobMs: 500, startsPerSecond: 50, concurrentJobs: 50 },
    queues: { backoffMs: 200, maxBackoffMs: 2000 },
  });
  let browser: Browser;
  try {
    // launch() gives every run a fresh temporary profile (user-data-dir) of its own.
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  } catch (err) {
    await stack.stop();
    throw err;
  }
  return {
    stack,
    driver: new Driver(stack.endpoints),
    browser,
    context: async ({ locale, viewport }) => {
      const ctx = await browser.newContext({
        locale,
        viewport,
        // A phone's layout, touch and meta viewport, at one device pixel a CSS pixel: layout, axe and
        // the touch-target sizes are the same at 2, and a full-page screenshot has a quarter of the
        // pixels to draw (the staff pages' browser file: 70 s down to 52 s).
        ...(viewport.width < 500 ? { isMobile: true, hasTouch: true, deviceScaleFactor: 1 } : {}),
      });
      ctx.setDefaultTimeout(20_000);
      return ctx;
    },
    close: async () => {
      await browser.close();
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Collects script errors and blocked resources (CSP) of a page, for the assertions. */
export function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text()))
      problems.push(`console: ${m.text()}`);
  });
  return problems;
}

/** Saves a full-page screenshot; on a phone, the page must fit its width (no sideways scrolling). */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const viewport = page.viewportSize();
  if (viewport && viewport.width <= PHONE.width) {
    const width = await page.evaluate(
      () =>
        (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
          .documentElement.scrollWidth,
    );
    if (width > viewport.width)
      throw new Error(`${name}: the page is ${width} px wide on a ${viewport.width} px screen`);
  }
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Lets axe-core into every page of a context: an init script is injected by the browser itself, so
 * the pages' own Content-Security-Policy (which refuses any script but theirs) stays as it is.
 */
export async function withAxe(ctx: BrowserContext): Promise<void> {
  await ctx.addInitScript({ content: AXE_SOURCE });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** The serious and critical accessibility violations axe-core finds on the page as it is now. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  const all = await page.evaluate(async () => {
    type Result = {
      violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
    };
    const axe = (globalThis as unknown as { axe: { run(options: unknown): Promise<Result> } }).axe;
    const r = await axe.run({ resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  return all.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** What a person sees of an element (layout-aware, unlike textContent). */
// biome-ignore lint/performance/useDomNodeTextContent: the visible text is what is asserted
export const text = (l: Locator, timeout?: number) => l.innerText(timeout ? { timeout } : {});

/** The id of the focused element ('' for none); a function, not a string: the pages' CSP refuses eval. */
export const focusedId = (page: Page) =>
  page.evaluate(
    () =>
      (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement
        ?.id ?? '',
  );

/** Reloads the patient's case page until it shows `status`. */
export async function waitForStatus(page: Page, status: string): Promise<void> {
  // The page polls slowly when nothing is moving; a reload shows the new state at once.
  for (let i = 0; i < 40; i++) {
    await page.reload();
    const shown = await page
      .locator('#status')
      .getAttribute('data-status', { timeout: 15_000 })
      .catch(() => null);
    if (shown === status) return;
    await page.waitForTimeout(500);
  }
  throw new Error(`the case page never showed status ${status}`);
}

/** The state the case page shows for its documents, waiting until `count` are done with intake. */
export async function settledDocuments(page: Page, count: number): Promise<string[]> {
  const settled = ['classified', 'rejected', 'needs_review', 'failed', 'not_received']
    .map((state) => `#documents li[data-state=${state}]`)
    .join(', ');
  try {
    await page
      .locator(settled)
      .nth(count - 1)
      .waitFor({ timeout: 90_000 });
  } catch (err) {
    const shown = await page.locator('#documents li').allInnerTexts();
    throw new Error(`${count} documents never settled; the page shows: ${JSON.stringify(shown)}`, {
      cause: err,
    });
  }
  return page.locator('#documents li').allInnerTexts();
}
