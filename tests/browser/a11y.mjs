// Accessibility of built rapor pages in headless Chromium, opened from file://: axe-core
// (pinned in package.json) with the WCAG 2.0, 2.1 and 2.2 A and AA rules must report no
// violation, at a desktop and a phone width, with the theme's script running (search box,
// filters and compare buttons shown). Also the keyboard: the first Tab reaches the skip link,
// which is visible when focused and moves focus to the main content, and a focused link shows
// a visible outline.
//
//   node tests/browser/a11y.mjs OUTPUT_DIR PAGE...
//
// Prints one line per check (and each violation with its nodes); exits 1 if any failed.
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const [outArg, ...pages] = process.argv.slice(2);
if (!outArg || pages.length === 0) {
  console.error('usage: node a11y.mjs OUTPUT_DIR PAGE...');
  process.exit(2);
}
const outDir = resolve(outArg);
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

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
  for (const width of [1280, 360]) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    await context.route((url) => !url.href.startsWith('file://'), (route) => route.abort('blockedbyclient'));
    for (const path of pages) {
      const page = await context.newPage();
      await page.goto(pathToFileURL(join(outDir, path)).href, { waitUntil: 'load' });
      // Let the theme's script show what it shows (search box, filters).
      await page.waitForTimeout(150);
      await page.addScriptTag({ path: axePath });
      const result = await page.evaluate(async (tags) => {
        // eslint-disable-next-line no-undef
        const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
        return r.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary.split('\n').slice(1, 3).join(' ')}`),
          count: v.nodes.length,
        }));
      }, TAGS);
      check(result.length === 0, `${path} @${width}: axe ${TAGS.join(',')}: ${result.length} violation(s)` +
        result.map((v) => `\n       - ${v.id} (${v.impact}, ${v.count} nodes): ${v.help}` +
          v.nodes.map((n) => `\n           ${n}`).join('')).join(''));

      if (width === 1280) {
        // Keyboard: the skip link comes first, shows when focused and leads into <main>.
        await page.keyboard.press('Tab');
        const skip = await page.evaluate(() => {
          const el = document.activeElement;
          const box = el.getBoundingClientRect();
          const style = getComputedStyle(el);
          return {
            isSkip: el.classList.contains('skip'), href: el.getAttribute('href'),
            visible: box.left >= 0 && box.top >= 0 && box.width > 0 && box.right <= innerWidth,
            outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
          };
        });
        check(skip.isSkip && skip.visible && skip.outline,
          `${path}: first Tab focuses the visible skip link with an outline (${JSON.stringify(skip)})`);
        await page.keyboard.press('Enter');
        const target = await page.evaluate(() => location.hash);
        check(target === skip.href, `${path}: the skip link leads to ${skip.href} (${target})`);
        const main = await page.evaluate(() => !!document.querySelector('main[id]') && document.querySelectorAll('main').length === 1);
        check(main, `${path}: one <main> with an id`);
      }
      await page.close();
    }
    await context.close();
  }
} finally {
  await browser.close();
}

if (failures > 0) {
  console.error(`a11y check: ${failures} check(s) FAILED (site in ${outDir})`);
  process.exit(1);
}
console.log('a11y check: all checks passed');
