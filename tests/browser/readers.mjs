// Reading a built rapor site anywhere, in headless Chromium: downloading a table's CSV from a
// file:// page (its cells equal the page's table), printing school pages to A4 PDF (at most
// two pages, no navigation, charts shown), the language switch (to the same page in English
// and back, numbers with a decimal point in English), and the 404 page served by a web server
// at a deep missing address (its stylesheet loads and its links lead into the site).
//
//   node tests/browser/readers.mjs OUTPUT_DIR SCHOOL_PAGE...
//
// SCHOOL_PAGE: paths of school pages to print (`sekolah/14710001.html`). Prints one line
// per check and `pdf-pages PAGE N` per printed page; exits 1 if any check failed.
import { readFileSync, existsSync } from 'node:fs';
import { join, resolve, extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const [outArg, ...schools] = process.argv.slice(2);
if (!outArg || schools.length === 0) {
  console.error('usage: node readers.mjs OUTPUT_DIR SCHOOL_PAGE...');
  process.exit(2);
}
const outDir = resolve(outArg);
const fileUrl = (path) => pathToFileURL(join(outDir, path)).href;
const MAX_PRINT_PAGES = 2;

let failures = 0;
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
}

/** Pages of a PDF: its page objects (`/Type /Page`, not `/Pages`). */
function pdfPages(pdf) {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g) || []).length;
}

/** A CSV in rapor's dialect: BOM, CRLF, `;` or `,`, fields quoted with doubled quotes. */
function parseCsv(text, delimiter) {
  const rows = [];
  let row = [], field = '', quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) { row.push(field); field = ''; }
    else if (c === '\r') { /* CRLF */ }
    else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; }
    else field += c;
  }
  return rows;
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  await context.route((url) => url.protocol === 'http:' || url.protocol === 'https:' ?
    !url.hostname.endsWith('rapor.test') : false, (route) => route.abort('blockedbyclient'));

  // 1. Download a table's CSV from a school page and compare it with the page's table.
  for (const [lang, prefix, delimiter, yearWord, totalWord] of [
    ['id', '', ';', 'Tahun', 'Nilai sekolah'],
    ['en', 'en/', ',', 'Year', 'School score'],
  ]) {
    const page = await context.newPage();
    const path = `${prefix}${schools[0]}`;
    await page.goto(fileUrl(path), { waitUntil: 'load' });
    const link = page.locator('#tabel-standar').locator('xpath=ancestor::section[1]').locator('a[href$=".csv"]').first();
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }), link.click()]);
    const file = await download.path();
    const text = readFileSync(file, 'utf8');
    check(download.suggestedFilename() === 'nilai-sekolah.csv', `${lang}: the CSV link downloads its kab/kota's nilai-sekolah.csv (${download.suggestedFilename()})`);
    check(text.startsWith('\uFEFF') && text.includes('\r\n'), `${lang}: CSV is UTF-8 with BOM and CRLF`);
    const rows = parseCsv(text, delimiter);
    const header = rows[0];
    const year = await page.evaluate(() => document.querySelector('#per-standar').textContent.match(/\d{4}/)[0]);
    const npsn = schools[0].split('/')[1].replace(/\.html$/, '');
    const yearCol = header.indexOf(yearWord);
    const own = rows.find((r) => r[0] === npsn && r[yearCol] === year);
    check(yearCol > 0 && own, `${lang}: CSV has the school's row for ${year} (${header.join(' | ')})`);
    // Each standard's row of the page's table (code, shown score) against the school's CSV row:
    // its standard column ("Standar 1"; an indicator's is "Indikator 1.1") or the total.
    const shown = await page.$$eval('#tabel-standar tbody tr, #tabel-standar tfoot tr', (trs) => trs.map((tr) => [
      tr.querySelectorAll('td')[0].textContent.trim(), tr.querySelectorAll('td')[1].textContent.trim()]));
    let matched = 0;
    for (const [code, score] of shown) {
      const col = code ? header.findIndex((h) => h.endsWith(` ${code}`) && !/^Indi/.test(h)) : header.indexOf(totalWord);
      if (own && col > 0 && own[col] === score) matched++;
      else check(false, `${lang}: standard "${code}" ${score} on the page, ${own && col > 0 ? own[col] : 'no column'} in the CSV`);
    }
    check(matched === shown.length && matched > 2, `${lang}: all ${shown.length} standards and the total match the CSV`);
    const decimal = lang === 'id' ? /^\d+,\d\d$/ : /^\d+\.\d\d$/;
    check(shown.every(([, s]) => decimal.test(s) || s === '–'), `${lang}: the page's numbers use the language's decimal sign`);
    await page.close();
  }

  // 2. Print school pages to A4: at most two pages, no navigation, the charts shown.
  for (const path of schools) {
    const page = await context.newPage();
    await page.goto(fileUrl(path), { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    const state = await page.evaluate(() => ({
      nav: [...document.querySelectorAll('header nav, .skip, footer, .crumbs')].filter((e) => getComputedStyle(e).display !== 'none').length,
      charts: [...document.querySelectorAll('main figure.chart > svg')].map((s) => s.getBoundingClientRect()).filter((b) => b.width > 50 && b.height > 50).length,
      all: document.querySelectorAll('main figure.chart > svg').length,
    }));
    check(state.nav === 0, `${path}: printed without navigation (${state.nav} shown)`);
    check(state.all >= 2 && state.charts === state.all, `${path}: printed with all ${state.all} charts visible (${state.charts})`);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const n = pdfPages(pdf);
    console.log(`pdf-pages ${path} ${n}`);
    check(n >= 1 && n <= MAX_PRINT_PAGES, `${path}: prints on ${n} A4 page(s), at most ${MAX_PRINT_PAGES}`);
    await page.close();
  }

  // 3. The language switch leads to the same page in English and back.
  {
    const page = await context.newPage();
    const start = fileUrl(schools[0]);
    await page.goto(start, { waitUntil: 'load' });
    const h1 = await page.locator('h1').innerText();
    await page.locator('nav.bahasa a[hreflang="en"]').click();
    await page.waitForLoadState('load');
    check(page.url() === fileUrl(`en/${schools[0]}`), `switch to English: ${page.url()}`);
    check(await page.evaluate(() => document.documentElement.lang) === 'en', 'English page has lang="en"');
    check(await page.locator('h1').innerText() === h1, 'the English page is the same school');
    // cssRules of a file:// sheet is off limits (another origin): check its effect instead.
    const stylesheet = await page.evaluate(() => getComputedStyle(document.querySelector('.site-header')).backgroundColor !== 'rgba(0, 0, 0, 0)');
    check(stylesheet, 'the English page loads the shared stylesheet');
    await page.locator('nav.bahasa a[hreflang="id"]').click();
    await page.waitForLoadState('load');
    check(page.url() === start, `switch back to Indonesian: ${page.url()}`);
    check(await page.evaluate(() => document.documentElement.lang) === 'id', 'back on lang="id"');
    await page.close();
  }

  // 4. The 404 page, served by a web server for a missing address at any depth.
  {
    const types = { '.html': 'text/html', '.css': 'text/css', '.js': 'text/javascript', '.csv': 'text/csv', '.json': 'application/json' };
    await context.route((url) => url.hostname === 'rapor.test', (route) => {
      const url = new URL(route.request().url());
      let rel = decodeURIComponent(url.pathname).replace(/^\/situs\//, '');
      if (rel === '' || rel.endsWith('/')) rel += 'index.html';
      const file = join(outDir, rel);
      if (!url.pathname.startsWith('/situs/') || rel.includes('..') || !existsSync(file)) {
        return route.fulfill({ status: 404, contentType: 'text/html', body: readFileSync(join(outDir, '404.html')) });
      }
      return route.fulfill({ status: 200, contentType: types[extname(file)] || 'application/octet-stream', body: readFileSync(file) });
    });
    for (const missing of ['/situs/sekolah/99999999/', '/situs/en/wilayah/99.99/index.html', '/situs/tidak-ada']) {
      const page = await context.newPage();
      const response = await page.goto(`http://rapor.test${missing}`, { waitUntil: 'load' });
      check(response.status() === 404, `${missing}: served with status 404`);
      const styled = await page.evaluate(() => getComputedStyle(document.querySelector('.site-header')).backgroundColor !== 'rgba(0, 0, 0, 0)');
      check(styled, `${missing}: the 404 page's stylesheet loads`);
      await page.locator('main a').first().click();
      await page.waitForLoadState('load');
      check(page.url() === 'http://rapor.test/situs/index.html', `${missing}: its first link leads home (${page.url()})`);
      check((await page.locator('h1').count()) === 1 && !(await page.title()).includes('404'), `${missing}: the home page opens`);
      await page.close();
    }
  }
  await context.close();
} finally {
  await browser.close();
}

if (failures > 0) {
  console.error(`readers check: ${failures} check(s) FAILED (site in ${outDir})`);
  process.exit(1);
}
console.log('readers check: all checks passed');
