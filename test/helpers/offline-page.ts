import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';

/**
 * A self-contained HTML file opened in a fresh page that may load nothing from the network:
 * every request other than file:, data: and about: is aborted and listed in `external`,
 * console errors and uncaught page errors are listed in `errors`.
 */
export async function openOffline(browser: Browser, file: string): Promise<{ page: Page; errors: string[]; external: string[] }> {
  const page = await browser.newPage();
  await page.setViewport({ width: 1060, height: 900 });
  const errors: string[] = [];
  const external: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.setRequestInterception(true);
  page.on('request', (r) => {
    const u = r.url();
    if (u.startsWith('file:') || u.startsWith('data:') || u.startsWith('about:')) void r.continue();
    else {
      external.push(u);
      void r.abort();
    }
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { page, errors, external };
}
