import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderReportHtml } from '@bursar/core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath } from './chromium-path';
import { fanOutReport, hostileReport, longReport } from './sample-reports';

/** Debian's chromium by default; `BURSAR_CHROMIUM` points at another Chromium build. */
const { executablePath } = chromiumPath(process.env);
/** Ignored by git (this package's .gitignore); CI can keep it as an artifact. */
const outputDir = fileURLToPath(new URL('../output', import.meta.url));
const screenshotPath = join(outputDir, 'report.png');

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

function expectQuiet(log: PageLog): void {
  expect(log.consoleErrors).toEqual([]);
  expect(log.pageErrors).toEqual([]);
  expect(log.requests).toEqual([]);
}

describe('the HTML report in headless chromium', () => {
  it('renders the chart, the decisions and the agent rows without an error or a request', async () => {
    const report = fanOutReport();
    const { page, log } = await open(renderReportHtml(report, { title: 'Fan-out research task' }));

    const chart = await page.locator('svg.chart').boundingBox();
    expect(chart?.width).toBeGreaterThan(600);
    expect(chart?.height).toBeGreaterThan(200);
    const line = await page.locator('svg.chart path.spend-line').boundingBox();
    expect(line?.width).toBeGreaterThan(300);
    await expect(page.locator('svg.chart g.decision').count()).resolves.toBe(3);
    await expect(page.locator('svg.chart .limit-line').count()).resolves.toBe(1);
    await expect(page.locator('tr.agent-row').count()).resolves.toBe(report.byAgent.length);
    const names = await page.locator('tr.agent-row .name').allTextContents();
    expect(names).toEqual(report.byAgent.map((agent) => agent.agent));
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
    const line = await long.page.locator('svg.chart path.spend-line').boundingBox();
    expect(line?.width).toBeGreaterThan(500);
    expect(line?.height).toBeGreaterThan(150);
    expectQuiet(long.log);
    await long.page.close();

    const empty = await open(renderReportHtml(longReport(0)), 390);
    await expect(empty.page.getByText('No billed calls yet').count()).resolves.toBe(1);
    const chart = await empty.page.locator('svg.chart').boundingBox();
    expect(chart?.width).toBeGreaterThan(300);
    expectQuiet(empty.log);
    await empty.page.close();
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
