// Smoke test of a built rapor site in headless Chromium, opened from file://
// (the site must work offline, straight from disk).
//
//   node tests/browser/smoke.mjs OUTPUT_DIR SCREENSHOT_DIR
//
// Prints one line per check; exits 1 if any check failed.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const [outArg, shotArg] = process.argv.slice(2);
if (!outArg || !shotArg) {
  console.error('usage: node smoke.mjs OUTPUT_DIR SCREENSHOT_DIR');
  process.exit(2);
}
const outDir = resolve(outArg);
const shotDir = resolve(shotArg);
mkdirSync(shotDir, { recursive: true });

const PAGES = [
  { name: 'home', path: 'index.html' },
  { name: 'kabkota', path: 'wilayah/14.71/index.html', h1Has: 'Pekanbaru' },
  { name: 'sekolah', path: 'sekolah/14710001.html', textHas: '14710001', chart: true },
];

let failures = 0;
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
}

// Only the site's own files may be loaded: anything else would need a network.
const isLocal = (url) => url.startsWith('file://') || url.startsWith('data:');

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  // Background-networking flags: this machine's network is closed, and Chromium
  // would otherwise keep trying to reach Google's hosts.
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // Abort outside requests at once (they are reported below), so none can hang the test.
  await context.route((url) => !isLocal(url.href), (route) => route.abort('blockedbyclient'));

  for (const p of PAGES) {
    const page = await context.newPage();
    const problems = [];
    const loaded = new Set(); // URLs of files that loaded fine
    page.on('requestfinished', (r) => loaded.add(r.url()));
    page.on('request', (r) => { if (!isLocal(r.url())) problems.push(`non-local request ${r.url()}`); });
    page.on('requestfailed', (r) => {
      if (isLocal(r.url())) problems.push(`failed to load ${r.url()} (${r.failure()?.errorText})`);
    });
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));

    const url = pathToFileURL(join(outDir, p.path)).href;
    let opened = false;
    try {
      await page.goto(url, { waitUntil: 'load' });
      opened = true;
    } catch (e) {
      check(false, `${p.name}: open ${url}: ${e.message.split('\n')[0]}`);
    }
    if (opened) {
      const h1s = await page.locator('h1').allInnerTexts();
      const h1 = (h1s[0] ?? '').trim();
      check(h1s.length === 1 && h1 !== '', `${p.name}: exactly one non-empty h1 (found ${h1s.length}: ${JSON.stringify(h1s)})`);
      if (p.h1Has) check(h1.includes(p.h1Has), `${p.name}: h1 contains "${p.h1Has}"`);
      if (p.textHas) {
        const text = await page.locator('body').innerText();
        check(text.includes(p.textHas), `${p.name}: page text contains "${p.textHas}"`);
      }

      // The stylesheets loaded (Chromium gives even a missing one a .sheet, so ask
      // the network log) and change how the page looks: compare the computed
      // styles of body and h1 with all stylesheets on and off.
      const css = await page.evaluate(() => {
        const links = [...document.querySelectorAll('link[rel~="stylesheet"]')].map((l) => l.href);
        const props = ['font-family', 'margin-left', 'color', 'background-color', 'line-height', 'font-size', 'max-width'];
        const snap = () => ['body', 'h1'].map((sel) => {
          const el = document.querySelector(sel);
          if (!el) return '';
          const cs = getComputedStyle(el);
          return props.map((k) => cs.getPropertyValue(k)).join(';');
        }).join('|');
        const styled = snap();
        for (const s of document.styleSheets) s.disabled = true;
        const unstyled = snap();
        for (const s of document.styleSheets) s.disabled = false;
        return {
          sheets: document.styleSheets.length,
          links,
          applied: styled !== unstyled,
        };
      });
      const cssLoaded = css.links.filter((href) => loaded.has(href)).length;
      check(css.sheets >= 1 && css.links.length >= 1 && cssLoaded === css.links.length,
        `${p.name}: stylesheets loaded (${cssLoaded}/${css.links.length} <link>, ${css.sheets} in document.styleSheets)`);
      check(css.applied, `${p.name}: stylesheet changes the computed style of body/h1`);

      if (p.chart) {
        const found = [];
        for (const svg of await page.locator('main svg[role="img"], [role="main"] svg[role="img"]').all()) {
          found.push((await svg.isVisible()) ? await svg.boundingBox() : null);
        }
        const big = found.some((b) => b && b.width >= 200 && b.height >= 200);
        const sizes = found.map((b) => (b ? `${Math.round(b.width)}x${Math.round(b.height)}` : 'hidden'));
        check(big, `${p.name}: a visible svg[role="img"] of at least 200x200 in main (found: ${sizes.join(', ') || 'none'})`);
      }

      const shot = join(shotDir, `${p.name}.png`);
      await page.screenshot({ path: shot, fullPage: true });
      console.log(`     ${p.name}: screenshot ${shot}`);
    }
    // Let late console messages and failed loads arrive before judging.
    await page.waitForTimeout(100);
    check(problems.length === 0, `${p.name}: no outside requests, missing files or errors` +
      problems.map((m) => `\n       - ${m}`).join(''));
    await page.close();
  }
} finally {
  await browser.close();
}

if (failures > 0) {
  console.error(`browser smoke test: ${failures} check(s) FAILED (site in ${outDir})`);
  process.exit(1);
}
console.log('browser smoke test: all checks passed');
