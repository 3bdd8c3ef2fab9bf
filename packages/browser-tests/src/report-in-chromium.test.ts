import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderReportHtml } from '@bursar/core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath } from './chromium-path';
import {
  failedReport,
  fanOutReport,
  hostileReport,
  longReport,
  tightReport,
} from './sample-reports';

/** Debian's chromium by default; `BURSAR_CHROMIUM` points at another Chromium build. */
const { executablePath } = chromiumPath(process.env);
/** Ignored by git (this package's .gitignore); CI can keep it as an artifact. */
const outputDir = fileURLToPath(new URL('../output', import.meta.url));
const screenshotPath = join(outputDir, 'report.png');
const narrowScreenshotPath = join(outputDir, 'report-420.png');

/** What a page did while it loaded: anything here but an empty list fails a test. */
interface PageLog {
  readonly consoleErrors: string[];
  readonly pageErrors: string[];
  readonly requests: string[];
}

let browser: Browser | undefined;

// The globalSetup (src/chromium-global-setup.ts) installed chromium or stopped the run.
beforeAll(async () => {
  browser = await chromium.launch({ executablePath });
});

afterAll(async () => {
  await browser?.close();
});

/** Loads the page as a file would load, recording console errors, page errors and every request. */
async function open(html: string, width = 1200): Promise<{ page: Page; log: PageLog }> {
  if (browser === undefined) throw new Error(`Chromium at ${executablePath} did not launch`);
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const log: PageLog = { consoleErrors: [], pageErrors: [], requests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') log.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => log.pageErrors.push(error.message));
  page.on('request', (request) => log.requests.push(request.url()));
  // Nothing may leave the page: abort every request, and fail the test through the log.
  await page.route('**/*', (route) => route.abort());
  await page.setContent(html, { waitUntil: 'load' });
  return { page, log };
}

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The bounding boxes of every element a locator matches, in page pixels. */
async function boxes(page: Page, locator: ReturnType<Page['locator']>): Promise<Box[]> {
  const count = await locator.count();
  const found: Box[] = [];
  for (let index = 0; index < count; index += 1) {
    const box = await locator.nth(index).boundingBox();
    if (box !== null) found.push(box);
  }
  expect(page.isClosed()).toBe(false);
  return found;
}

/** Whether two boxes share any area (touching edges do not count). */
function overlaps(left: Box, right: Box): boolean {
  return (
    left.x < right.x + right.width - 0.5 &&
    right.x < left.x + left.width - 0.5 &&
    left.y < right.y + right.height - 0.5 &&
    right.y < left.y + left.height - 0.5
  );
}

function expectQuiet(log: PageLog): void {
  expect(log.consoleErrors).toEqual([]);
  expect(log.pageErrors).toEqual([]);
  expect(log.requests).toEqual([]);
}

describe('the HTML report in headless chromium', () => {
  it('renders the chart, the decisions and the agent rows without an error or a request', async () => {
    const report = fanOutReport();
    const { page, log } = await open(renderReportHtml(report, { title: 'Fan-out research task' }));

    const chart = await page.locator('svg.chart-wide').boundingBox();
    expect(chart?.width).toBeGreaterThan(600);
    expect(chart?.height).toBeGreaterThan(200);
    // At a desktop width the narrow drawing is hidden.
    await expect(page.locator('svg.chart-narrow').isVisible()).resolves.toBe(false);
    const line = await page.locator('svg.chart-wide path.spend-line').boundingBox();
    expect(line?.width).toBeGreaterThan(300);
    await expect(page.locator('svg.chart-wide g.decision').count()).resolves.toBe(3);
    await expect(page.locator('svg.chart-wide .limit-line').count()).resolves.toBe(1);
    await expect(page.locator('tr.agent-row').count()).resolves.toBe(report.byAgent.length);
    const names = await page.locator('tr.agent-row .name').allTextContents();
    expect(names).toEqual([
      'triage',
      'plan',
      'Subagent 1',
      'Subagent 2',
      'Subagent 3',
      'Subagent 4',
      'synthesize',
    ]);
    await expect(page.locator('h1').textContent()).resolves.toBe('Fan-out research task');
    // Nothing is wider than the window at a desktop width.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBe(0);
    expectQuiet(log);

    mkdirSync(outputDir, { recursive: true });
    await page.screenshot({ path: screenshotPath, fullPage: true });
    const png = readFileSync(screenshotPath);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
    expect(statSync(screenshotPath).size).toBeGreaterThan(50_000);
    await page.close();
  });

  it('shows hostile strings as text: no script runs and nothing is fetched', async () => {
    const { page, log } = await open(
      renderReportHtml(hostileReport(), { title: '<script>window.__injected = 6</script>' }),
    );
    await expect(page.evaluate(() => 'injected' in window || '__injected' in window)).resolves.toBe(
      false,
    );
    await expect(page.locator('script, img, iframe').count()).resolves.toBe(0);
    await expect(page.locator('h1').textContent()).resolves.toBe(
      '<script>window.__injected = 6</script>',
    );
    await expect(page.locator('tr.agent-row .name').textContent()).resolves.toBe(
      '<img src="x" onerror="window.__injected = 1">',
    );
    await expect(page.locator('.reason').textContent()).resolves.toBe(
      '<script>window.__injected = 5</script>',
    );
    expectQuiet(log);
    await page.close();
  });

  it('renders 1,000 calls and an empty report sensibly', async () => {
    const long = await open(renderReportHtml(longReport(1_000)));
    const line = await long.page.locator('svg.chart-wide path.spend-line').boundingBox();
    expect(line?.width).toBeGreaterThan(500);
    expect(line?.height).toBeGreaterThan(150);
    expectQuiet(long.log);
    await long.page.close();

    const empty = await open(renderReportHtml(longReport(0)), 390);
    // Both drawings carry the note; at 390 px only the narrow one shows.
    await expect(empty.page.getByText('No billed calls', { exact: true }).count()).resolves.toBe(2);
    const chart = await empty.page.locator('svg.chart-narrow').boundingBox();
    expect(chart?.width).toBeGreaterThan(300);
    expectQuiet(empty.log);
    await empty.page.close();
  });

  it('draws no decision marker over another, and keeps the spent label off the limit line', async () => {
    // tightReport: $0.0467 spent of $0.05; two decisions at 5.27 s, three at 16.66 s.
    for (const width of [1200, 420]) {
      const { page, log } = await open(renderReportHtml(tightReport()), width);
      const chart = page.locator(width === 1200 ? 'svg.chart-wide' : 'svg.chart-narrow');
      await expect(chart.isVisible()).resolves.toBe(true);
      const markers = await boxes(page, chart.locator('circle.decision-marker'));
      expect(markers).toHaveLength(6);
      for (const [index, box] of markers.entries())
        for (const other of markers.slice(index + 1)) expect(overlaps(box, other)).toBe(false);
      const [label] = await boxes(page, chart.locator('text.spend-label'));
      const [limit] = await boxes(page, chart.locator('line.limit-line'));
      const [limitLabel] = await boxes(page, chart.locator('text.limit-label'));
      if (label === undefined || limit === undefined || limitLabel === undefined)
        throw new Error('the chart has a spent label, a limit line and a limit label');
      expect(overlaps(label, limit)).toBe(false);
      expect(overlaps(label, limitLabel)).toBe(false);
      expectQuiet(log);
      await page.close();
    }
  });

  it("shows a failed run's reason at the top, and never says it ran as planned", async () => {
    const report = failedReport();
    const { page, log } = await open(renderReportHtml(report));
    const alert = page.locator('[role="alert"]');
    await expect(alert.isVisible()).resolves.toBe(true);
    await expect(alert.locator('h2').textContent()).resolves.toBe('The task failed');
    await expect(alert.locator('.alert-reason').textContent()).resolves.toBe(report.error);
    // It is the first thing under the heading, above the summary cards.
    const [alertBox] = await boxes(page, alert);
    const [cardsBox] = await boxes(page, page.locator('.cards'));
    expect(alertBox?.y).toBeLessThan(cardsBox?.y ?? 0);
    await expect(page.getByText('ran as planned').count()).resolves.toBe(0);
    expectQuiet(log);
    await page.close();
  });

  it('fits a 420 px wide phone: narrow chart, stacked tables, nothing cut off', async () => {
    const { page, log } = await open(renderReportHtml(tightReport()), 420);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBe(0);
    await expect(page.locator('svg.chart-wide').isVisible()).resolves.toBe(false);
    const [chart] = await boxes(page, page.locator('svg.chart-narrow'));
    expect(chart?.width).toBeGreaterThan(300);
    // Every drawn part of the page lies inside the window, none scrolled out of a box
    // (the stacked tables' headings are visually hidden, for screen readers).
    const outside = await page.evaluate(() =>
      Array.from(document.querySelectorAll('main *'))
        .filter(
          (element) =>
            element.getClientRects().length > 0 && !element.closest('svg.chart-wide, thead'),
        )
        .flatMap((element) => {
          const box = element.getBoundingClientRect();
          return box.width > 0 && (box.left < -0.5 || box.right > window.innerWidth + 0.5)
            ? [
                `${element.tagName.toLowerCase()}.${String(element.getAttribute('class'))} ${String(Math.round(box.left))}..${String(Math.round(box.right))}`,
              ]
            : [];
        }),
    );
    expect(outside).toEqual([]);
    // Table cells show their column's name beside the value.
    const label = await page
      .locator('#agents td[data-label="Cost"]')
      .first()
      .evaluate((cell) => getComputedStyle(cell, '::before').content);
    expect(label).toBe('"Cost"');
    expectQuiet(log);

    mkdirSync(outputDir, { recursive: true });
    await page.screenshot({ path: narrowScreenshotPath, fullPage: true });
    expect(statSync(narrowScreenshotPath).size).toBeGreaterThan(50_000);
    await page.close();
  });

  it('notices a request, a console error and a page error (so the checks above are not vacuous)', async () => {
    const { page, log } = await open(
      '<!doctype html><img src="http://192.0.2.1/x.png">' +
        '<script>console.error("boom"); throw new Error("bad");</script>',
    );
    expect(log.requests).toEqual(['http://192.0.2.1/x.png']);
    expect(log.consoleErrors).toContain('boom');
    expect(log.pageErrors).toEqual(['bad']);
    await page.close();
  });
});
