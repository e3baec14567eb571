// Readers' features of a built rapor site in headless Chromium, opened from file:// (where
// fetch() of local files is blocked): search (typing, clicking, keyboard), school tables
// (filter, sort, counts) and compare (three schools from three kinds of page).
//
//   node tests/browser/features.mjs OUTPUT_DIR
//
// Prints one line per check, and `index-bytes-before-typing PAGE BYTES` for each page opened
// (read by tests/features.rs); exits 1 if any check failed.
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const [outArg] = process.argv.slice(2);
if (!outArg) {
  console.error('usage: node features.mjs OUTPUT_DIR');
  process.exit(2);
}
const outDir = resolve(outArg);
const url = (path) => pathToFileURL(join(outDir, path)).href;
/** Most index bytes a page may load before the reader types (issue 6: about 300 KB). */
const BEFORE_TYPING_LIMIT = 300_000;

let failures = 0;
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
}

const isLocal = (u) => u.startsWith('file://') || u.startsWith('data:');
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});

/** A page with smoke.mjs's guards: outside requests, failed loads, console errors. */
async function open(context, path, name) {
  const page = await context.newPage();
  const problems = [];
  const indexFiles = [];
  page.on('request', (r) => { if (!isLocal(r.url())) problems.push(`non-local request ${r.url()}`); });
  page.on('requestfailed', (r) => problems.push(`failed to load ${r.url()} (${r.failure()?.errorText})`));
  page.on('requestfinished', (r) => { if (r.url().includes('/assets/cari/')) indexFiles.push(r.url()); });
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(url(path), { waitUntil: 'load' });
  // The script has started when the search box is shown.
  await page.locator('.cari').waitFor({ state: 'visible', timeout: 5000 });
  const bytes = () => indexFiles.reduce((sum, u) => sum + statSync(fileURLToPath(u)).size, 0);
  return {
    page, name, indexFiles, bytes,
    async done() {
      await page.waitForTimeout(100);
      check(problems.length === 0, `${name}: no outside requests, missing files or errors` +
        problems.map((m) => `\n       - ${m}`).join(''));
      await page.close();
    },
  };
}

function reportBytesBeforeTyping(p) {
  const n = p.bytes();
  console.log(`index-bytes-before-typing ${p.name} ${n}`);
  check(n > 0 && n <= BEFORE_TYPING_LIMIT, `${p.name}: ${n} bytes of index loaded before typing (limit ${BEFORE_TYPING_LIMIT})`);
  check(p.indexFiles.every((u) => /indeks-[a-z]+\.js$/.test(u)), `${p.name}: only the manifest before typing: ${p.indexFiles.map((u) => u.split('/').pop()).join(', ')}`);
}

/** The results once every shard the query needs has loaded (the grid is no longer busy). */
async function resultRows(page) {
  await page.locator('#cari-hasil[aria-busy="false"] [role="row"] a').first().waitFor({ timeout: 5000 });
  return page.locator('#cari-hasil [role="row"]:has(a)').evaluateAll((rows) => rows.map((r) => ({
    name: r.querySelector('.hasil-nama').textContent,
    href: r.querySelector('a').href,
  })));
}

/** The number of each row of a school page's standards table (standards, then the total). */
async function schoolScores(page) {
  return page.locator('#tabel-standar tbody tr, #tabel-standar tfoot tr').evaluateAll((rows) =>
    rows.map((r) => r.cells[2].textContent.trim()));
}

try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.route((u) => !isLocal(u.href), (route) => route.abort('blockedbyclient'));

  // --- Search from the home page: a school's name, then click its result. ---
  {
    const p = await open(context, 'index.html', 'home');
    reportBytesBeforeTyping(p);
    const box = p.page.locator('#cari-kotak');
    await box.pressSequentially('insan madani', { delay: 20 });
    const rows = await resultRows(p.page);
    check(rows.length >= 1 && /insan madani/i.test(rows[0].name), `home: first result for "insan madani" is a school of that name (${rows.map((r) => r.name).slice(0, 3).join('; ')})`);
    check(p.indexFiles.some((u) => /\/s-in\.js$|\/s-ma\.js$/.test(u)), `home: a name shard loaded on typing (${p.indexFiles.map((u) => u.split('/').pop()).join(', ')})`);
    check(await box.getAttribute('aria-expanded') === 'true', 'home: combobox aria-expanded=true with results');
    const status = p.page.locator('#cari-status');
    await p.page.waitForFunction(() => document.getElementById('cari-status').textContent !== '');
    check(/\d/.test(await status.textContent()), `home: live region tells the count: "${await status.textContent()}"`);
    const target = rows[0];
    await p.page.locator('#cari-hasil [role="row"] a').first().click();
    await p.page.waitForURL(target.href);
    const h1 = (await p.page.locator('h1').textContent()).trim();
    check(h1 === target.name && /\/sekolah\/\d{8}\.html$/.test(p.page.url()), `home: clicking the result opened ${h1}`);
    await p.done();
  }

  // --- Search by NPSN from a page two levels deep: exact NPSN first. ---
  {
    const p = await open(context, 'wilayah/14.71/index.html', 'kabkota');
    reportBytesBeforeTyping(p);
    await p.page.locator('#cari-kotak').pressSequentially('14010002', { delay: 20 });
    await p.page.waitForFunction(() => [...document.querySelectorAll('#cari-hasil .meta')].some((m) => m.textContent.includes('14010002')));
    const rows = await resultRows(p.page);
    check(rows[0].name === 'SMP Negeri 16 Kampar', `kabkota: exact NPSN ranks first (${rows[0].name})`);
    check(p.indexFiles.some((u) => /\/n-\d+\.js$/.test(u)), 'kabkota: an NPSN shard loaded on typing');
    await p.page.locator('#cari-hasil [role="row"] a').first().click();
    await p.page.waitForURL(/sekolah\/14010002\.html$/);
    check(p.page.url().endsWith('/sekolah/14010002.html'), `kabkota: result link from two levels deep resolves (${p.page.url().slice(-40)})`);
    await p.done();
  }

  // --- Keyboard: arrows move through results, Enter opens, Escape closes. ---
  {
    const p = await open(context, 'sekolah/14710001.html', 'keyboard');
    const box = p.page.locator('#cari-kotak');
    await box.pressSequentially('kampar', { delay: 20 });
    const rows = await resultRows(p.page);
    check(rows.length >= 3, `keyboard: "kampar" gives several results (${rows.length})`);
    check(rows[0].href.endsWith('/wilayah/14.01/index.html'), `keyboard: the region Kampar ranks first (${rows[0].name})`);
    await box.press('ArrowDown');
    await box.press('ArrowDown');
    const active = await box.getAttribute('aria-activedescendant');
    check(active === 'cari-r1-0', `keyboard: two ArrowDown make the second result active (${active})`);
    check(await p.page.locator(`#${active}`).getAttribute('aria-selected') === 'true', 'keyboard: the active cell is aria-selected');
    await box.press('ArrowRight');
    check(await box.getAttribute('aria-activedescendant') === 'cari-r1-1', 'keyboard: ArrowRight moves to the compare button of that result');
    await box.press('ArrowLeft');
    await box.press('Escape');
    check(await box.getAttribute('aria-expanded') === 'false' && await p.page.locator('#cari-hasil').isHidden(), 'keyboard: Escape closes the results');
    await box.press('ArrowDown');
    await box.press('ArrowDown');
    await box.press('ArrowDown');
    await box.press('Enter');
    await p.page.waitForURL(rows[1].href);
    check(p.page.url() === rows[1].href, `keyboard: Enter opened the second result (${rows[1].name})`);
    await p.done();
  }

  // --- A school table: filter by jenjang and category, sort by score and name, counts. ---
  {
    const p = await open(context, 'wilayah/14.71/index.html', 'table');
    const table = p.page.locator('table.schools');
    const visible = () => table.locator('tbody tr:not([hidden])').evaluateAll((rs) => rs.map((r) => ({
      npsn: r.dataset.npsn, jenjang: r.dataset.jenjang, kat: r.dataset.kat,
      v: r.querySelector('td[data-v]').dataset.v, name: r.querySelector('th a').textContent,
    })));
    const all = await visible();
    const smp = all.filter((r) => r.jenjang === 'SMP').length;
    check(all.length > 20 && smp > 0 && smp < all.length, `table: ${all.length} rows, ${smp} SMP`);
    const count = p.page.locator('.saring .jumlah');
    check((await count.textContent()).includes(`${all.length} dari ${all.length}`), `table: count before filtering: "${await count.textContent()}"`);
    await p.page.locator('.saring select[data-k="jenjang"]').selectOption('SMP');
    let rows = await visible();
    check(rows.length === smp && rows.every((r) => r.jenjang === 'SMP'), `table: jenjang SMP leaves ${rows.length} rows, all SMP`);
    check((await count.textContent()).includes(`${smp} dari ${all.length}`), `table: count after filtering: "${await count.textContent()}"`);
    const kat = rows[0].kat;
    await p.page.locator('.saring select[data-k="kat"]').selectOption(kat);
    rows = await visible();
    const both = all.filter((r) => r.jenjang === 'SMP' && r.kat === kat).length;
    check(rows.length === both && rows.every((r) => r.kat === kat), `table: and category ${kat} leaves ${rows.length} rows`);
    await p.page.locator('.saring select[data-k="kat"]').selectOption('');
    await p.page.locator('.saring select[data-k="jenjang"]').selectOption('');
    check((await visible()).length === all.length, 'table: "Semua" shows every row again');

    const scoreHeader = table.locator('thead th').nth(5);
    await scoreHeader.locator('button').click();
    rows = await visible();
    const nums = rows.map((r) => (r.v === '' ? null : parseFloat(r.v)));
    const known = nums.filter((n) => n !== null);
    check(known.every((n, i) => i === 0 || known[i - 1] <= n) && (nums.indexOf(null) === -1 || nums.slice(nums.indexOf(null)).every((n) => n === null)),
      `table: score ascending (${known.slice(0, 3).join(', ')} … ${known.slice(-2).join(', ')})`);
    check(await scoreHeader.getAttribute('aria-sort') === 'ascending', 'table: aria-sort=ascending on the score header');
    check(rows.map((r) => r.npsn).join() !== all.map((r) => r.npsn).join(), 'table: sorting changed the order');
    await scoreHeader.locator('button').click();
    const down = (await visible()).map((r) => r.v).filter((v) => v !== '').map(parseFloat);
    check(down.every((n, i) => i === 0 || down[i - 1] >= n) && down[0] === known[known.length - 1], `table: score descending (first ${down[0]})`);
    check(await scoreHeader.getAttribute('aria-sort') === 'descending', 'table: aria-sort=descending after a second click');
    // The shown numbers follow their data-v: a decimal comma read as a number, not as text.
    const shown = await table.locator('tbody tr td.n').first().textContent();
    check(shown.trim() === String(down[0].toFixed(2)).replace('.', ','), `table: the first shown score is the highest (${shown.trim()})`);
    const nameHeader = table.locator('thead th').nth(0);
    await nameHeader.locator('button').click();
    const names = (await visible()).map((r) => r.name);
    const sorted = [...names].sort((a, b) => a.localeCompare(b, 'id', { numeric: true }));
    check(names.join('|') === sorted.join('|'), `table: names sorted A–Z (${names[0]} … ${names[names.length - 1]})`);
    check(await scoreHeader.getAttribute('aria-sort') === null, 'table: only the sorted column has aria-sort');
    await p.done();
  }

  // --- Compare three schools: from a school page, a school table and search results. ---
  {
    const picked = [];
    const scores = {};
    let p = await open(context, 'sekolah/14710001.html', 'compare-1');
    await p.page.evaluate(() => localStorage.clear());
    await p.page.reload();
    await p.page.locator('.cari').waitFor({ state: 'visible' });
    const own = p.page.locator('.aksi .banding-tombol');
    check(!(await p.page.locator('#baki').isVisible()), 'compare: no tray while nothing is picked');
    check(await own.getAttribute('aria-pressed') === 'false', 'compare: the school page button starts unpressed');
    await own.click();
    check(await own.getAttribute('aria-pressed') === 'true', 'compare: pressed after a click');
    picked.push('14710001');
    scores['14710001'] = await schoolScores(p.page);
    await p.done();

    p = await open(context, 'wilayah/14.01/index.html', 'compare-2');
    check(await p.page.locator('#baki').isVisible() && (await p.page.locator('#baki').textContent()).includes('SMP Negeri 26 Pekanbaru'),
      'compare: the selection survives moving to another page (tray lists it)');
    await p.page.locator('table.schools tr[data-npsn="14010002"] .banding-tombol').click();
    picked.push('14010002');
    await p.done();

    p = await open(context, 'kegiatan/index.html', 'compare-3');
    await p.page.locator('#cari-kotak').pressSequentially('14040001', { delay: 20 });
    await p.page.waitForFunction(() => [...document.querySelectorAll('#cari-hasil .meta')].some((m) => m.textContent.includes('14040001')));
    const button = p.page.locator('#cari-r0-1 .banding-tombol');
    await button.click();
    check(await button.getAttribute('aria-pressed') === 'true', 'compare: the search result button is pressed after a click');
    picked.push('14040001');
    await p.page.locator('#cari-kotak').press('Escape');
    const tray = p.page.locator('#baki');
    check((await tray.locator('li').count()) === 3, 'compare: the tray holds three schools');
    await tray.locator('a.baki-buka').click();
    await p.page.waitForURL(/banding\/index\.html/);
    await p.page.locator('#tabel-banding').waitFor({ timeout: 5000 });
    const heads = await p.page.locator('#tabel-banding thead th[data-npsn]').evaluateAll((ths) => ths.map((t) => t.dataset.npsn));
    check(heads.join() === picked.join(), `compare: three columns in the order picked (${heads.join(', ')})`);
    const columns = await p.page.locator('#tabel-banding tbody tr').evaluateAll((rows) =>
      rows.map((r) => [...r.cells].slice(1).map((c) => (c.querySelector('.num') || c).textContent.trim())));
    await p.done();

    for (const npsn of picked.slice(1)) {
      const s = await open(context, `sekolah/${npsn}.html`, `compare-scores-${npsn}`);
      scores[npsn] = await schoolScores(s.page);
      check(await s.page.locator('.aksi .banding-tombol').getAttribute('aria-pressed') === 'true', `compare: ${npsn}'s own button shows it is picked`);
      await s.done();
    }
    // Rows: NPSN, jenjang, region, then each standard and the total.
    const standardRows = columns.slice(3);
    picked.forEach((npsn, col) => {
      const onCompare = standardRows.map((row) => row[col]);
      check(onCompare.join('|') === scores[npsn].join('|') && onCompare.length >= 2,
        `compare: ${npsn}'s scores equal its school page (${onCompare.join(' ')})`);
    });
    check(columns[0].join() === picked.join(), 'compare: the NPSN row names the picked schools');

    // The selection also travels in the URL: a fresh browser profile opens the same schools.
    const fresh = await browser.newContext();
    await fresh.route((u) => !isLocal(u.href), (route) => route.abort('blockedbyclient'));
    const q = await open(fresh, 'banding/index.html', 'compare-url');
    await q.page.goto(`${url('banding/index.html')}?npsn=${picked.slice(0, 2).join(',')}`);
    await q.page.locator('#tabel-banding').waitFor({ timeout: 5000 });
    const fromUrl = await q.page.locator('#tabel-banding thead th[data-npsn]').evaluateAll((ths) => ths.map((t) => t.dataset.npsn));
    check(fromUrl.join() === picked.slice(0, 2).join(), `compare: ?npsn= in the URL picks the schools (${fromUrl.join(', ')})`);
    await q.done();
    await fresh.close();
  }
} finally {
  await browser.close();
}

if (failures > 0) {
  console.error(`features: ${failures} check(s) FAILED (site in ${outDir})`);
  process.exit(1);
}
console.log('features: all checks passed');
