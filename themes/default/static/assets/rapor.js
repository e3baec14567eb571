/* rapor.js: search, school tables (filter, sort) and compare, for pages built by rapor.
   Our own code, no library. Works from file:// as from any web server: every piece of data
   comes from script files (assets/cari/*.js, see src/render/search.rs) added with
   <script src>, never from fetch(), which browsers block for local files.
   Data is put into the page with textContent and DOM properties only, never as HTML. */
(function () {
  'use strict';
  var doc = document;
  // From this page to the site root (shared assets) and to its language's root (pages).
  var ROOT = doc.documentElement.getAttribute('data-root') || '';
  var PAGES = doc.documentElement.getAttribute('data-pages') || ROOT;
  var MAX = 5;              // schools in a comparison
  var SHOWN = 12;           // search results listed
  var STORE = 'rapor.banding';
  var ix = null;            // indeks.js: words, framework, filters, regions, shard manifest
  var npsnKeys = {};

  /* ---- Index scripts: each file pushes [name, data] onto self.raporIndeks. ---- */
  var loaded = {}, waiting = {};
  function receive(item) {
    loaded[item[0]] = item[1];
    (waiting[item[0]] || []).forEach(function (f) { f(item[1]); });
    delete waiting[item[0]];
  }
  var early = self.raporIndeks || [];
  self.raporIndeks = { push: receive };
  early.forEach(receive);

  /* Calls back with the named index file's data, adding its script when needed (null if it
     failed to load). The page's own <script> brings 'indeks'. */
  function need(name, callback) {
    if (loaded.hasOwnProperty(name)) { callback(loaded[name]); return; }
    if (waiting[name]) { waiting[name].push(callback); return; }
    waiting[name] = [callback];
    if (name === 'indeks') return;
    var s = doc.createElement('script');
    s.src = ROOT + 'assets/cari/' + name + '.js';
    s.onerror = function () { receive([name, null]); };
    doc.head.appendChild(s);
  }

  function word(key, values) {
    var text = (ix && ix.kata[key]) || key;
    return text.replace(/\{(\w+)\}/g, function (m, k) {
      return values && values.hasOwnProperty(k) ? String(values[k]) : m;
    });
  }
  function el(tag, attrs, text) {
    var e = doc.createElement(tag);
    for (var k in attrs) if (attrs.hasOwnProperty(k)) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = text;
    return e;
  }

  /* ---- Words: split on anything but a letter or digit, lowercased (as search.rs). ---- */
  var SPLIT;
  try { SPLIT = new RegExp('[^\\p{Alphabetic}\\p{N}]+', 'u'); } catch (e) { SPLIT = /[^0-9a-z\u00c0-\u024f]+/; }
  function words(text) { return text.toLowerCase().split(SPLIT).filter(Boolean); }
  function fileKey(prefix) {
    return Array.from(prefix).map(function (c) {
      return /^[a-z0-9]$/.test(c) ? c : '_' + c.codePointAt(0).toString(16) + '_';
    }).join('');
  }
  function schoolHref(npsn) { return PAGES + 'sekolah/' + npsn + '.html'; }
  function regionName(kode) {
    for (var i = 0; i < ix.wilayah.length; i++) if (ix.wilayah[i][0] === kode) return ix.wilayah[i][1];
    return kode;
  }
  /* The NPSN shard holding `digits` (a prefix of an NPSN), or null while it is too short. */
  function npsnShard(digits) {
    for (var n = 2; n <= digits.length; n++) if (npsnKeys['n-' + digits.slice(0, n)]) return 'n-' + digits.slice(0, n);
    return null;
  }
  /* How to find schools whose name, from one of its words on, starts with `w` (a word or
     words joined by a space, as search.rs's name_tails): a shard, or why not. */
  function nameShard(w) {
    var cps = Array.from(w);
    if (cps.length < 2) return { short: true };
    for (var n = 2; n <= cps.length; n++) {
      var key = fileKey(cps.slice(0, n).join(''));
      if (ix.s.hasOwnProperty(key)) return { key: 's-' + key, count: ix.s[key] };
    }
    var whole = fileKey(w);
    // Only the names that end with `w`: the others continue in longer keys (type more).
    if (ix.s.hasOwnProperty(whole + '-')) return { key: 's-' + whole + '-', count: ix.s[whole + '-'], partial: true };
    if (ix.umum.indexOf(w) >= 0) return { common: true };
    for (var k in ix.s) if (k.lastIndexOf(whole, 0) === 0) return { short: true };
    return { none: true };
  }

  /* Whether shard `a` serves a query better than `b`: one holding every school whose name
     starts so beats one of names ending so; then the smaller. */
  function better(a, b) {
    if (!b) return true;
    if (!a.partial !== !b.partial) return !a.partial;
    return a.count < b.count;
  }

  /* ---- Compare selection: localStorage (shared by every file:// page in Chromium), else
     kept in memory; the compare page also reads ?npsn=a,b,c. ---- */
  var memory = [];
  function selection() {
    try {
      var list = JSON.parse(localStorage.getItem(STORE) || '[]');
      if (Array.isArray(list)) {
        return list.filter(function (s) { return s && /^\d{8}$/.test(s.npsn) && typeof s.nama === 'string'; }).slice(0, MAX);
      }
    } catch (e) { /* storage blocked: memory below */ }
    return memory.slice();
  }
  function saveSelection(list) {
    memory = list.slice();
    try { localStorage.setItem(STORE, JSON.stringify(list)); } catch (e) { /* memory only */ }
    refresh();
  }
  function selected(npsn) { return selection().some(function (s) { return s.npsn === npsn; }); }
  function toggle(npsn, nama) {
    var list = selection();
    var at = list.map(function (s) { return s.npsn; }).indexOf(npsn);
    if (at >= 0) {
      list.splice(at, 1);
      announce(word('banding_dihapus', { nama: nama }));
    } else if (list.length >= MAX) {
      announce(word('banding_maks', { n: MAX }));
      return;
    } else {
      list.push({ npsn: npsn, nama: nama });
      announce(word('banding_ditambah', { nama: nama, n: list.length, maks: MAX }));
    }
    saveSelection(list);
  }
  var liveRegion = null;
  function announce(text) { if (liveRegion) liveRegion.textContent = text; }
  function compareHref(list) {
    return PAGES + 'banding/index.html?npsn=' + list.map(function (s) { return s.npsn; }).join(',');
  }
  function compareButton(npsn, nama, small) {
    var b = el('button', { type: 'button', 'class': 'banding-tombol' + (small ? ' kecil' : '') }, word('bandingkan'));
    b.dataset.npsn = npsn;
    b.dataset.nama = nama;
    b.setAttribute('aria-pressed', String(selected(npsn)));
    if (small) b.appendChild(el('span', { 'class': 'visually-hidden' }, ' ' + nama));
    return b;
  }
  var onRefresh = [];
  function refresh() {
    doc.querySelectorAll('.banding-tombol[data-npsn]').forEach(function (b) {
      b.setAttribute('aria-pressed', String(selected(b.dataset.npsn)));
    });
    onRefresh.forEach(function (f) { f(); });
  }

  /* The bar under the header: the picked schools, a link to the compare page, clear. */
  function setupTray() {
    var tray = doc.getElementById('baki');
    if (!tray || doc.getElementById('banding')) return;
    function draw() {
      var list = selection();
      tray.textContent = '';
      tray.hidden = list.length === 0;
      if (!list.length) return;
      tray.appendChild(el('span', { 'class': 'baki-judul' }, word('banding_dipilih', { n: list.length })));
      var ul = el('ul', { 'class': 'inline' });
      list.forEach(function (s) {
        var li = el('li');
        li.appendChild(el('a', { href: schoolHref(s.npsn) }, s.nama));
        var x = el('button', { type: 'button', 'class': 'hapus', 'aria-label': word('banding_hapus') + ' ' + s.nama }, '×');
        x.addEventListener('click', function () { toggle(s.npsn, s.nama); });
        li.appendChild(x);
        ul.appendChild(li);
      });
      tray.appendChild(ul);
      tray.appendChild(el('a', { href: compareHref(list), 'class': 'baki-buka' }, word('banding_buka')));
      var clear = el('button', { type: 'button', 'class': 'hapus-semua' }, word('banding_kosongkan'));
      clear.addEventListener('click', function () { saveSelection([]); });
      tray.appendChild(clear);
    }
    onRefresh.push(draw);
    draw();
  }

  /* ---- Search: a combobox whose popup is a grid (a row per result: its link, and for a
     school a compare button), keyboard as in the WAI-ARIA combobox pattern. ---- */
  function setupSearch() {
    var box = doc.querySelector('.cari');
    var input = doc.getElementById('cari-kotak');
    var grid = doc.getElementById('cari-hasil');
    var status = doc.getElementById('cari-status');
    if (!box || !input || !grid) return;
    box.hidden = false;
    var rows = [], active = null, query = '', statusTimer = 0, loadTimer = 0;

    function open(yes) {
      grid.hidden = !yes;
      input.setAttribute('aria-expanded', String(yes));
      if (!yes) setActive(null);
    }
    function setActive(pos) {
      if (active) rows[active.row].cells[active.col].classList.remove('aktif');
      grid.querySelectorAll('[aria-selected]').forEach(function (c) { c.removeAttribute('aria-selected'); });
      active = pos;
      if (!pos) { input.removeAttribute('aria-activedescendant'); return; }
      var cell = rows[pos.row].cells[pos.col];
      cell.classList.add('aktif');
      cell.setAttribute('aria-selected', 'true');
      input.setAttribute('aria-activedescendant', cell.id);
      cell.scrollIntoView({ block: 'nearest' });
    }
    function say(text) {
      clearTimeout(statusTimer);
      statusTimer = setTimeout(function () { status.textContent = text; }, 400);
    }

    function run() {
      var q = input.value.trim();
      query = q;
      if (!q) { rows = []; grid.textContent = ''; open(false); say(''); return; }
      var qWords = words(q), qNorm = qWords.join(' ');
      var digits = /^\d+$/.test(q.replace(/\s+/g, '')) ? q.replace(/\s+/g, '') : '';
      var results = [], seen = {}, note = '', pending = [];
      // Shards load once the reader pauses, not for every letter on the way.
      function wait(name) { pending.push(name); }
      function prefixes(nameWords) {
        return qWords.every(function (w) { return nameWords.some(function (n) { return n.lastIndexOf(w, 0) === 0; }); });
      }
      function addSchool(r) {
        if (seen[r[0]]) return;
        var nWords = words(r[1]), nNorm = nWords.join(' '), rank;
        if (digits && r[0] === digits) rank = 0;
        else if (digits.length >= 2 && r[0].lastIndexOf(digits, 0) === 0) rank = 2;
        else if (qNorm && nNorm.lastIndexOf(qNorm, 0) === 0) rank = 3;
        else if (qWords.length && prefixes(nWords)) rank = 4;
        else if (qNorm && nNorm.indexOf(qNorm) > 0) rank = 5;
        else return;
        seen[r[0]] = true;
        results.push({ rank: rank, nama: r[1], npsn: r[0], href: schoolHref(r[0]),
          meta: word('npsn') + ' ' + r[0] + ' · ' + r[3] + ' · ' + regionName(r[2]) });
      }
      ix.wilayah.forEach(function (r) {
        var nWords = words(r[1]), rank = null;
        if (r[0] === q) rank = 1;
        else if (/^[\d.]+$/.test(q) && r[0].lastIndexOf(q, 0) === 0) rank = 4;
        else if (nWords.join(' ').lastIndexOf(qNorm, 0) === 0) rank = 3;
        else if (prefixes(nWords)) rank = 4;
        if (rank !== null) {
          results.push({ rank: rank, nama: r[1], href: PAGES + 'wilayah/' + r[0] + '/index.html',
            meta: word(r[2]) + ' · ' + r[0], region: true });
        }
      });
      if (digits.length >= 2) {
        var nKey = npsnShard(digits);
        if (nKey && loaded[nKey]) loaded[nKey].forEach(addSchool);
        else if (nKey) wait(nKey);
      }
      if (!(digits.length >= 5)) {
        // The query from each of its words on, and each word alone: the smallest shard that
        // holds every school starting so wins; one of names ending so only when none does.
        var best = null, why = null, tried = {};
        qWords.forEach(function (w, i) {
          [qWords.slice(i).join(' '), w].forEach(function (p) {
            if (tried[p]) return;
            tried[p] = true;
            var s = nameShard(p);
            if (s.key && better(s, best)) best = s;
            else if (!s.key && !why) why = s.common ? word('cari_umum', { w: p }) : s.short ? word('cari_ketik_lagi') : '';
          });
        });
        if (best && loaded[best.key]) loaded[best.key].forEach(addSchool);
        else if (best) wait(best.key);
        else if (why) note = why;
      }
      results.sort(function (a, b) {
        return a.rank - b.rank || (a.region ? 0 : 1) - (b.region ? 0 : 1) ||
          a.nama.localeCompare(b.nama, doc.documentElement.lang, { numeric: true }) ||
          (a.npsn || '').localeCompare(b.npsn || '');
      });
      draw(results, note, pending.length > 0);
      clearTimeout(loadTimer);
      if (pending.length) {
        loadTimer = setTimeout(function () {
          pending.forEach(function (name) { need(name, function () { if (input.value.trim() === q) run(); }); });
        }, 150);
      }
    }

    function draw(results, note, loading) {
      var keep = active && rows[active.row] ? active : null;
      grid.setAttribute('aria-busy', String(loading));
      grid.textContent = '';
      rows = [];
      results.slice(0, SHOWN).forEach(function (r, i) {
        var row = el('div', { role: 'row', id: 'cari-r' + i, 'class': 'hasil' });
        var main = el('div', { role: 'gridcell', id: 'cari-r' + i + '-0', 'class': 'hasil-utama' });
        var a = el('a', { href: r.href, tabindex: '-1' });
        a.appendChild(el('span', { 'class': 'hasil-nama' }, r.nama));
        a.appendChild(el('span', { 'class': 'meta' }, r.meta));
        main.appendChild(a);
        row.appendChild(main);
        var cells = [main];
        if (r.npsn) {
          var c = el('div', { role: 'gridcell', id: 'cari-r' + i + '-1' });
          var b = compareButton(r.npsn, r.nama, false);
          b.tabIndex = -1;
          c.appendChild(b);
          row.appendChild(c);
          cells.push(c);
        }
        grid.appendChild(row);
        rows.push({ cells: cells, link: a });
      });
      if (note || (!results.length && !loading)) {
        var noteRow = grid.appendChild(el('div', { role: 'row', 'class': 'hasil-catatan' }));
        noteRow.appendChild(el('div', { role: 'gridcell' }, note || word('cari_tidak_ada', { q: query })));
      }
      open(rows.length > 0 || !!note || !loading);
      active = null;
      if (keep && rows[keep.row]) setActive({ row: keep.row, col: Math.min(keep.col, rows[keep.row].cells.length - 1) });
      if (loading) return;
      var n = results.length;
      say(n === 0 ? (note || word('cari_tidak_ada', { q: query })) :
        n > SHOWN ? word('cari_hasil_sebagian', { n: n, shown: SHOWN }) : word('cari_hasil', { n: n }));
    }

    function activate() {
      if (!rows.length) return;
      var pos = active || { row: 0, col: 0 };
      if (pos.col === 1) rows[pos.row].cells[1].querySelector('button').click();
      else location.href = rows[pos.row].link.href;
    }
    input.addEventListener('input', run);
    input.addEventListener('keydown', function (e) {
      var row = active ? active.row : -1, col = active ? active.col : 0;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        if (grid.hidden) { if (input.value.trim()) run(); return; }
        var next = e.key === 'ArrowDown' ? Math.min(row + 1, rows.length - 1) : row - 1;
        setActive(next < 0 ? null : { row: next, col: Math.min(col, rows[next].cells.length - 1) });
      } else if ((e.key === 'ArrowRight' || e.key === 'ArrowLeft') && active) {
        e.preventDefault();
        var cells = rows[row].cells.length;
        setActive({ row: row, col: e.key === 'ArrowRight' ? Math.min(col + 1, cells - 1) : Math.max(col - 1, 0) });
      } else if (e.key === 'Enter') {
        e.preventDefault();
        activate();
      } else if (e.key === 'Escape') {
        if (!grid.hidden) open(false); else input.value = '';
      }
    });
    // Clicks in the results keep the focus in the box (so the list stays open).
    grid.addEventListener('mousedown', function (e) { e.preventDefault(); });
    input.addEventListener('blur', function () { open(false); });
    input.addEventListener('focus', function () { if (input.value.trim()) run(); });
  }

  /* ---- School tables: sort by any column, filter by the rows' data-*, counts. ---- */
  function number(cell) {
    var text = cell.textContent.replace(/\u2212/g, '-');
    var m = text.match(/[+-]?\d[\d.,]*/);
    if (m) {
      var t = ix.kerangka.koma ? m[0].replace(/\./g, '').replace(',', '.') : m[0].replace(/,/g, '');
      return parseFloat(t);
    }
    if (cell.querySelector('.delta.same')) return 0;
    var cat = cell.querySelector('[class*="cat-"]');
    var level = cat && /cat-(\d)/.exec(cat.className);
    return level && level[1] !== '0' ? Number(level[1]) : null;
  }
  /* A cell's sort key: its data-v (empty = missing), a number in a numeric column, or text. */
  function sortKey(cell, numeric) {
    if (cell.hasAttribute('data-v')) {
      var v = cell.getAttribute('data-v');
      return v === '' ? null : parseFloat(v);
    }
    return numeric ? number(cell) : cell.textContent.trim();
  }

  function setupTable(table) {
    var body = table.tBodies[0];
    if (!body) return;
    var rows = Array.prototype.slice.call(body.rows);
    var lang = doc.documentElement.lang;
    rows.forEach(function (r) {
      if (!r.dataset.npsn) return;
      var link = r.cells[0].querySelector('a');
      r.cells[0].appendChild(compareButton(r.dataset.npsn, link ? link.textContent : r.dataset.npsn, true));
    });
    if (rows.length < 2) return;
    if (!table.tHead) return;
    var heads = table.tHead.rows[table.tHead.rows.length - 1].cells;
    Array.prototype.forEach.call(heads, function (th, col) {
      var b = el('button', { type: 'button', 'class': 'urut' });
      while (th.firstChild) b.appendChild(th.firstChild);
      th.appendChild(b);
      b.addEventListener('click', function () {
        var dir = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', dir);
        var numeric = th.classList.contains('n');
        var keyed = rows.map(function (r, i) {
          var cell = r.cells[col];
          return { row: r, i: i, key: cell ? sortKey(cell, numeric) : null };
        });
        keyed.sort(function (a, b) {
          if (a.key === null || b.key === null || a.key !== a.key || b.key !== b.key) {
            var an = a.key === null || a.key !== a.key, bn = b.key === null || b.key !== b.key;
            return an === bn ? a.i - b.i : an ? 1 : -1;   // missing values last, either way
          }
          var c = typeof a.key === 'number' ? a.key - b.key :
            String(a.key).localeCompare(String(b.key), lang, { numeric: true });
          return (dir === 'ascending' ? c : -c) || a.i - b.i;
        });
        var frag = doc.createDocumentFragment();
        keyed.forEach(function (k) { frag.appendChild(k.row); });
        body.appendChild(frag);
      });
    });
    var keys = (table.getAttribute('data-saring') || '').split(/\s+/).filter(Boolean);
    var selects = [];
    var tools = el('div', { 'class': 'saring', role: 'group', 'aria-label': word('tabel_saring') });
    keys.forEach(function (k) {
      var counts = {};
      rows.forEach(function (r) { var v = r.dataset[k]; if (v != null) counts[v] = (counts[v] || 0) + 1; });
      var values = Object.keys(counts);
      if (values.length < 2) return;
      var known = (ix.saring[k] || []).map(function (o) { return o[0]; });
      values.sort(function (a, b) { return known.indexOf(a) - known.indexOf(b) || (a < b ? -1 : 1); });
      var label = el('label', {}, word(k === 'kat' ? 'kategori' : k) + ' ');
      var select = el('select');
      select.dataset.k = k;
      select.appendChild(el('option', { value: '' }, word('tabel_semua')));
      values.forEach(function (v) {
        var def = (ix.saring[k] || []).filter(function (o) { return o[0] === v; })[0];
        select.appendChild(el('option', { value: v }, (def ? def[1] : v) + ' (' + counts[v] + ')'));
      });
      select.addEventListener('change', apply);
      label.appendChild(select);
      tools.appendChild(label);
      selects.push(select);
    });
    if (!selects.length) return;
    var count = el('p', { 'class': 'jumlah', role: 'status' });
    tools.appendChild(count);
    var wrap = table.closest('.table-wrap') || table;
    wrap.parentNode.insertBefore(tools, wrap);
    function apply() {
      var shown = 0;
      rows.forEach(function (r) {
        var ok = selects.every(function (s) { return !s.value || r.dataset[s.dataset.k] === s.value; });
        r.hidden = !ok;
        if (ok) shown++;
      });
      count.textContent = word('tabel_menampilkan', { n: shown, total: rows.length });
    }
    apply();
  }

  /* ---- The compare page: the selected schools' standards side by side. ---- */
  function setupComparePage() {
    var host = doc.getElementById('banding');
    if (!host) return;
    var fromUrl = /[?&]npsn=([^&#]*)/.exec(location.search);
    if (fromUrl) {
      var seen = {}, names = {};
      selection().forEach(function (s) { names[s.npsn] = s.nama; });
      var list = decodeURIComponent(fromUrl[1]).split(',').filter(function (n) {
        var ok = /^\d{8}$/.test(n) && !seen[n];
        seen[n] = true;
        return ok;
      }).slice(0, MAX).map(function (n) { return { npsn: n, nama: names[n] || n }; });
      memory = list;
      try { localStorage.setItem(STORE, JSON.stringify(list)); } catch (e) { /* memory only */ }
    }
    var f = ix.kerangka;
    function shown(value, level) {
      if (value === null) return el('span', { 'class': 'score na' }, f.kosong);
      var span = el('span', { 'class': 'score cat-' + level });
      var num = ix.kerangka.koma ? value.toFixed(f.desimal).replace('.', ',') : value.toFixed(f.desimal);
      span.appendChild(el('span', { 'class': 'num' }, f.label ? f.kategori[level - 1] : num));
      if (!f.label) span.appendChild(el('span', { 'class': 'catname' }, ' ' + f.kategori[level - 1]));
      return span;
    }
    function draw() {
      var list = selection();
      var records = {}, missing = [], pending = 0;
      list.forEach(function (s) {
        var key = npsnShard(s.npsn);
        var data = key && loaded[key];
        if (key && !loaded.hasOwnProperty(key)) { pending++; need(key, draw); return; }
        var r = (data || []).filter(function (x) { return x[0] === s.npsn; })[0];
        if (r) records[s.npsn] = r; else missing.push(s.npsn);
      });
      if (pending) return;
      host.textContent = '';
      missing.forEach(function (n) { host.appendChild(el('p', { 'class': 'note' }, word('banding_tidak_ditemukan', { npsn: n }))); });
      var found = list.filter(function (s) { return records[s.npsn]; });
      // Names from the index, for a selection that came from a URL.
      var named = list.map(function (s) { return records[s.npsn] ? { npsn: s.npsn, nama: records[s.npsn][1] } : s; });
      if (JSON.stringify(named) !== JSON.stringify(list)) {
        memory = named;
        try { localStorage.setItem(STORE, JSON.stringify(named)); } catch (e) { /* memory only */ }
      }
      if (!found.length) { host.appendChild(el('p', {}, word('banding_kosong'))); return; }
      var table = el('table', { 'class': 'banding-tabel', id: 'tabel-banding' });
      table.appendChild(el('caption', {}, word('banding_tabel') + (f.tahun ? ' (' + f.tahun + ')' : '')));
      var head = el('tr');
      head.appendChild(el('th', { scope: 'col' }, ''));
      found.forEach(function (s) {
        var r = records[s.npsn];
        var th = el('th', { scope: 'col', 'data-npsn': r[0] });
        th.appendChild(el('a', { href: schoolHref(r[0]) }, r[1]));
        var x = el('button', { type: 'button', 'class': 'hapus', 'aria-label': word('banding_hapus') + ' ' + r[1] }, '×');
        x.addEventListener('click', function () { toggle(r[0], r[1]); });
        th.appendChild(x);
        head.appendChild(th);
      });
      table.appendChild(el('thead')).appendChild(head);
      var body = table.appendChild(el('tbody'));
      function line(label, cell, cls) {
        var tr = body.appendChild(el('tr', cls ? { 'class': cls } : {}));
        tr.appendChild(el('th', { scope: 'row' }, label));
        found.forEach(function (s) {
          var td = tr.appendChild(el('td')), c = cell(records[s.npsn]);
          if (typeof c === 'string') td.textContent = c; else td.appendChild(c);
        });
      }
      line(word('npsn'), function (r) { return r[0]; });
      line(word('jenjang'), function (r) { return r[3]; });
      line(word('wilayah'), function (r) { return regionName(r[2]); });
      f.standar.forEach(function (st, k) {
        line(st[0] + ' ' + st[1], function (r) { return shown(r[6][k], Number(r[7][k])); });
      });
      var t = f.standar.length;
      line(word('nilai_total'), function (r) { return shown(r[6][t], Number(r[7][t])); }, 'group');
      var wrap = el('div', { 'class': 'table-wrap' });
      wrap.appendChild(table);
      host.appendChild(wrap);
      var own = 'index.html?npsn=' + found.map(function (s) { return s.npsn; }).join(',');
      try { history.replaceState(null, '', own); } catch (e) { /* some browsers refuse it for file:// */ }
    }
    onRefresh.push(draw);
    draw();
  }

  function start(data) {
    if (!data) return;
    ix = data;
    ix.n.forEach(function (k) { npsnKeys['n-' + k] = true; });
    liveRegion = el('p', { 'class': 'visually-hidden', role: 'status', id: 'banding-status' });
    doc.body.appendChild(liveRegion);
    doc.querySelectorAll('.aksi[hidden]').forEach(function (p) { p.hidden = false; });
    doc.addEventListener('click', function (e) {
      var b = e.target.closest && e.target.closest('.banding-tombol[data-npsn]');
      if (b) toggle(b.dataset.npsn, b.dataset.nama);
    });
    window.addEventListener('storage', function (e) { if (e.key === STORE) refresh(); });
    setupSearch();
    doc.querySelectorAll('table[data-saring]').forEach(setupTable);
    setupTray();
    setupComparePage();
    refresh();
  }
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', function () { need('indeks', start); });
  else need('indeks', start);
})();
