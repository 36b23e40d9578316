// Opens the cockpit page in headless Chromium (Debian's chromium, puppeteer-core), waits until the
// map has drawn every layer (MapLibre's 'idle' event), writes a screenshot, and checks it:
//   node check.js URL SCREENSHOT.png EXPECT.json
// EXPECT.json: { "layers": [ids drawn], "missing": [ids shown as "no data"],
//                "pixels": [{ "lon", "lat", "hex", "what" }] }   (a map pixel at lon/lat has colour hex)
// Prints "ok - ..." / "not ok - ..." lines; exits 1 when a check fails.
'use strict';
const fs = require('fs');
const puppeteer = require('puppeteer-core');

const [url, shot, expectFile] = process.argv.slice(2);
const expect = JSON.parse(fs.readFileSync(expectFile, 'utf8'));
let failed = 0;
const ok = (cond, what) => { console.log((cond ? 'ok - ' : 'not ok - ') + what); if (!cond) failed++; };

function near(a, b, tol) {  // two #rrggbb colours within tol per channel
  const p = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
  const [x, y] = [p(a), p(b)];
  return x.every((v, i) => Math.abs(v - y[i]) <= tol);
}

(async () => {
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-gpu-sandbox',
           '--lang=zh-CN'],
  });
  const errors = [];
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 900, deviceScaleFactor: 1 });
    page.on('console', (m) => { if (m.type() === 'error') errors.push('console: ' + m.text()); });
    page.on('pageerror', (e) => errors.push('page error: ' + e.message));
    page.on('requestfailed', (r) => errors.push('request failed: ' + r.url()));
    page.on('response', (r) => { if (r.status() >= 400) errors.push('HTTP ' + r.status() + ': ' + r.url()); });
    await page.goto(url, { waitUntil: 'load', timeout: 60000 });
    await page.waitForFunction(() => window.zjgov && window.zjgov.ready === true, { timeout: 120000 });
    await page.screenshot({ path: shot });
    const st = await page.evaluate(() => ({
      layers: window.zjgov.layers, missing: window.zjgov.missing,
      emptyShown: !document.getElementById('empty').hidden,
      notes: [...document.querySelectorAll('#legend li.missing')].map((li) => li.dataset.layer),
      panels: [...document.querySelectorAll('.panel .body')].map((b) => b.textContent.trim().length),
    }));
    for (const id of expect.layers || []) ok(st.layers.includes(id), `layer "${id}" is drawn`);
    for (const id of expect.missing || []) {
      ok(!st.layers.includes(id) && st.notes.includes(id), `layer "${id}" is not drawn and the legend says it has no data`);
    }
    if (expect.emptyPage !== undefined) ok(st.emptyShown === expect.emptyPage, `the empty-page message is ${expect.emptyPage ? '' : 'not '}shown`);
    ok(st.panels.every((n) => n > 0), 'every summary panel has content (a table or a "no data" note)');
    const px = await page.evaluate((pts) => {
      const map = window.zjgov.map, c = map.getCanvas();
      const tmp = document.createElement('canvas');
      tmp.width = c.width; tmp.height = c.height;
      const g = tmp.getContext('2d');
      g.drawImage(c, 0, 0);
      const r = c.width / c.clientWidth;
      return pts.map((p) => {
        const q = map.project([p.lon, p.lat]);
        const d = g.getImageData(Math.round(q.x * r), Math.round(q.y * r), 1, 1).data;
        return { x: q.x, y: q.y, hex: '#' + [d[0], d[1], d[2]].map((v) => v.toString(16).padStart(2, '0')).join('') };
      });
    }, expect.pixels || []);
    (expect.pixels || []).forEach((p, i) => {
      const got = px[i];
      const inView = got.x >= 0 && got.y >= 0;
      // fill-opacity 0.9 over the base map: allow 30 per channel
      ok(inView && near(got.hex, p.hex, 30), `${p.what}: pixel (${Math.round(got.x)}, ${Math.round(got.y)}) is ${got.hex}, expected ${p.hex}`);
    });
    ok(errors.length === 0, 'no errors in the console, the page or the network' + (errors.length ? ': ' + errors.join(' | ') : ''));
  } catch (e) {
    ok(false, 'the page rendered: ' + e.message);
    if (errors.length) console.log('# ' + errors.join('\n# '));
  } finally {
    await browser.close();
  }
  process.exit(failed ? 1 : 0);
})();
