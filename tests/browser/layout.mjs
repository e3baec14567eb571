// Layout check of built rapor pages in headless Chromium, opened from file://: at a desktop
// and a phone width, nothing may stick out of the viewport sideways (only a box that scrolls
// on its own, overflow-x auto or scroll, may hold wider content), and every chart must be
// visible. Full-page screenshots are written for a person to look at.
//
//   node tests/browser/layout.mjs OUTPUT_DIR SCREENSHOT_DIR PAGE...
//
// PAGE is a path in OUTPUT_DIR (`sekolah/14710001.html`). Prints one line per check;
// exits 1 if any check failed.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const [outArg, shotArg, ...pages] = process.argv.slice(2);
if (!outArg || !shotArg || pages.length === 0) {
  console.error('usage: node layout.mjs OUTPUT_DIR SCREENSHOT_DIR PAGE...');
  process.exit(2);
}
const outDir = resolve(outArg);
const shotDir = resolve(shotArg);
mkdirSync(shotDir, { recursive: true });

const WIDTHS = [1280, 360];

let failures = 0;
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
try {
  for (const width of WIDTHS) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    await context.route((url) => !url.href.startsWith('file://'), (route) => route.abort('blockedbyclient'));
    for (const path of pages) {
      const page = await context.newPage();
      const name = `${path.replace(/\/index\.html$/, '').replace(/[^a-zA-Z0-9.]+/g, '-')}-${width}`;
      await page.goto(pathToFileURL(join(outDir, path)).href, { waitUntil: 'load' });
      const result = await page.evaluate(() => {
        const viewport = window.innerWidth;
        const scrolls = (el) => {
          for (let p = el.parentElement; p && p !== document.documentElement; p = p.parentElement) {
            const x = getComputedStyle(p).overflowX;
            if (x === 'auto' || x === 'scroll') return true;
          }
          return false;
        };
        const describe = (el) => {
          const id = el.id ? `#${el.id}` : '';
          const cls = typeof el.className === 'string' && el.className ? `.${el.className.split(' ').join('.')}` : '';
          const text = (el.textContent || '').trim().slice(0, 40);
          return `<${el.tagName.toLowerCase()}${id}${cls}> "${text}"`;
        };
        const offenders = [];
        for (const el of document.querySelectorAll('body *')) {
          const box = el.getBoundingClientRect();
          if (box.width === 0 && box.height === 0) continue;
          if (box.right > viewport + 0.5 && !scrolls(el)) {
            offenders.push(`${describe(el)} right edge ${Math.round(box.right)}`);
          }
        }
        const charts = [...document.querySelectorAll('main figure.chart > svg')].map((svg) => {
          const box = svg.getBoundingClientRect();
          return { id: svg.getAttribute('aria-labelledby'), width: box.width, height: box.height };
        });
        return {
          viewport,
          scrollWidth: document.documentElement.scrollWidth,
          offenders,
          charts,
        };
      });
      check(result.scrollWidth <= result.viewport,
        `${name}: page width ${result.scrollWidth} <= viewport ${result.viewport}`);
      check(result.offenders.length === 0,
        `${name}: no element sticks out to the right` + result.offenders.slice(0, 10).map((o) => `\n       - ${o}`).join(''));
      const hidden = result.charts.filter((c) => c.width < 100 || c.height < 100);
      check(result.charts.length > 0 && hidden.length === 0,
        `${name}: ${result.charts.length} charts, each at least 100x100` + hidden.map((c) => `\n       - ${c.id}: ${Math.round(c.width)}x${Math.round(c.height)}`).join(''));
      const shot = join(shotDir, `${name}.png`);
      await page.screenshot({ path: shot, fullPage: true });
      console.log(`     screenshot ${shot}`);
      await page.close();
    }
    await context.close();
  }
} finally {
  await browser.close();
}

if (failures > 0) {
  console.error(`layout check: ${failures} check(s) FAILED (site in ${outDir})`);
  process.exit(1);
}
console.log('layout check: all checks passed');
