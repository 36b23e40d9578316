// zjgov cockpit (驾驶舱): draws the demo's layers in the colours zjgov computed and the summary panels.
// Reads one file, data/cockpit.json (written by demo/cockpit/build.sh from the demo database):
//   { as_of, summary: {colours, hotspots, sea_tiers, grades}, layers: [{id, title, kind, sort, basemap, data}] }
// No map tiles: the county outlines and the sea bands are the base map, so it works offline.
'use strict';
(function () {
  // every layer the page knows, with the property that labels its legend; a layer missing from the
  // data file, or empty, is listed with a note instead of being drawn
  const KNOWN = [
    { id: 'sea', title: '海域分层 (3/20 海里)', label: 'name' },
    { id: 'county', title: '县区界', label: 'name' },
    { id: 'grid', title: '网格风险 (三色)', label: 'colour_zh' },
    { id: 'st_hotspot', title: '时空热点类型', label: 'category_zh' },
    { id: 'region', title: '风险区划', label: 'name' },
    { id: 'track', title: '船舶轨迹 (按海域层级)', label: 'tier_zh' },
    { id: 'vessel', title: '船舶 (按海域层级)', label: 'tier_zh' },
  ];
  const state = { map: null, ready: false, layers: [], missing: [] };
  window.zjgov = state;

  const el = (tag, attrs, ...kids) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    for (const k of kids) e.append(k);
    return e;
  };
  const swatch = (hex) => el('span', { class: 'swatch', style: 'background:' + hex });
  const note = (text) => el('div', { class: 'empty-note' }, text);

  function table(head, rows) {
    const t = el('table');
    t.append(el('tr', {}, ...head.map(([h, cls]) => el('th', cls ? { class: cls } : {}, h))));
    for (const r of rows) t.append(el('tr', {}, ...r.map(([v, cls]) => el('td', cls ? { class: cls } : {}, v))));
    return t;
  }
  function panel(id, rows, render) {
    const body = document.querySelector('#' + id + ' .body');
    body.replaceChildren(rows && rows.length ? render(rows) : note('暂无数据'));
  }
  function panels(s) {
    s = s || {};
    panel('p-colours', s.colours, (rows) => table([['颜色'], ['网格数', 'n']],
      rows.map((r) => [[el('span', {}, swatch(r.hex), r.zh || '未定级')], [String(r.n), 'n']])));
    panel('p-hotspots', s.hotspots, (rows) => table([['网格'], ['街道'], ['z', 'n'], ['事件', 'n']],
      rows.map((r) => [[String(r.id)], [r.town || '-'], [String(r.z), 'n'], [String(r.incidents), 'n']])));
    const tierName = { 0: '陆上', 1: '≤3海里', 2: '3–20海里', 3: '>20海里' };
    panel('p-tiers', s.sea_tiers, (rows) => table([['海域'], ['层级'], ['船舶', 'n']],
      rows.map((r) => [[r.region], [tierName[r.tier] || String(r.tier)], [String(r.n), 'n']])));
    panel('p-grades', s.grades, (rows) => table([['等级'], ['企业数', 'n']],
      rows.map((r) => [[r.grade || '-'], [String(r.n), 'n']])));
  }

  function bounds(features) {
    let b = null;
    const walk = (c) => {
      if (typeof c[0] === 'number') {
        if (!b) b = [c[0], c[1], c[0], c[1]];
        b = [Math.min(b[0], c[0]), Math.min(b[1], c[1]), Math.max(b[2], c[0]), Math.max(b[3], c[1])];
      } else c.forEach(walk);
    };
    for (const f of features) if (f.geometry) walk(f.geometry.coordinates);
    return b;
  }

  function legend(layers) {
    const ul = document.getElementById('legend');
    ul.replaceChildren();
    for (const k of KNOWN.concat(layers.filter((l) => !KNOWN.some((k) => k.id === l.id)))) {
      const l = layers.find((x) => x.id === k.id);
      const feats = l && l.data && Array.isArray(l.data.features) ? l.data.features : [];
      if (!feats.length) {
        ul.append(el('li', { class: 'missing', 'data-layer': k.id }, (k.title || l.title) + ': 暂无数据'));
        state.missing.push(k.id);
        continue;
      }
      // a checkbox shows or hides the layer (thematic layers that cover the grid start hidden)
      const box = el('input', { type: 'checkbox', 'data-toggle': k.id });
      box.checked = l.visible !== false;
      box.addEventListener('change', () => {
        const map = state.map;
        for (const id of [k.id, k.id + '-land']) {
          if (map && map.getLayer(id)) map.setLayoutProperty(id, 'visibility', box.checked ? 'visible' : 'none');
        }
      });
      const li = el('li', { 'data-layer': k.id }, el('label', {}, box, el('b', {}, l.title || k.title)));
      const seen = new Map();
      for (const f of feats) {
        const p = f.properties || {};
        const key = p.hex + '|' + (p[k.label || 'name'] || '');
        if (p.hex && !seen.has(key) && seen.size < 10) seen.set(key, [p.hex, p[k.label || 'name'] || '']);
      }
      // one colour only (a base map): the title is the legend
      if (new Set([...seen.values()].map((v) => v[0])).size > 1) {
        const sub = el('div');
        for (const [hex, label] of seen.values()) sub.append(el('div', {}, swatch(hex), String(label)));
        li.append(sub);
      }
      ul.append(li);
    }
  }

  function draw(map, layers) {
    const drawn = layers.filter((l) => l.data && Array.isArray(l.data.features) && l.data.features.length)
                        .sort((a, b) => a.sort - b.sort);
    for (const l of drawn) {
      map.addSource(l.id, { type: 'geojson', data: l.data });
      const layout = { visibility: l.visible === false ? 'none' : 'visible' };
      if (l.kind === 'fill') {
        map.addLayer({ id: l.id, type: 'fill', source: l.id, layout,
          paint: { 'fill-color': ['coalesce', ['get', 'hex'], '#cccccc'], 'fill-opacity': l.basemap ? 1 : 0.9,
                   'fill-outline-color': l.basemap ? ['coalesce', ['get', 'hex'], '#cccccc'] : '#33333366' } });
      } else if (l.kind === 'line') {
        map.addLayer({ id: l.id, type: 'line', source: l.id, layout,
          paint: { 'line-color': l.basemap ? '#8a7f6a' : ['coalesce', ['get', 'hex'], '#555555'],
                   'line-width': l.basemap ? 1.2 : 2 } });
        if (l.basemap) {  // the land itself, under its outline
          map.addLayer({ id: l.id + '-land', type: 'fill', source: l.id, layout,
            paint: { 'fill-color': ['coalesce', ['get', 'hex'], '#f3efe6'] } }, l.id);
        }
      } else {
        map.addLayer({ id: l.id, type: 'circle', source: l.id, layout,
          paint: { 'circle-color': ['coalesce', ['get', 'hex'], '#555555'], 'circle-radius': 3.5,
                   'circle-stroke-color': '#ffffff', 'circle-stroke-width': 0.6 } });
      }
    }
    state.layers = drawn.map((l) => l.id);
    // open on the grid (the analysis), or on everything there is
    const focus = drawn.find((l) => l.id === 'grid') || drawn.find((l) => !l.basemap) || drawn[0];
    const b = focus && bounds(focus.data.features);
    if (b) map.fitBounds([[b[0], b[1]], [b[2], b[3]]], { padding: 30, duration: 0 });
  }

  function start(doc) {
    document.getElementById('asof').textContent = doc && doc.as_of ? '数据时间 ' + doc.as_of : '';
    panels(doc && doc.summary);
    const layers = (doc && Array.isArray(doc.layers)) ? doc.layers : [];
    legend(layers);
    if (!layers.some((l) => l.data && l.data.features && l.data.features.length)) {
      const box = document.getElementById('empty');
      box.textContent = '暂无图层数据：请先运行 make demo 生成 demo/out/cockpit/data/cockpit.json';
      box.hidden = false;
    }
    const map = new maplibregl.Map({
      container: 'map',
      style: { version: 8, sources: {},
               layers: [{ id: 'sea-background', type: 'background', paint: { 'background-color': '#dbe9f6' } }] },
      center: [121.5, 28.6], zoom: 8, attributionControl: false,
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    state.map = map;
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }));
    map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }));
    map.on('load', () => {
      draw(map, layers);
      map.once('idle', () => { state.ready = true; document.body.dataset.ready = '1'; });
    });
  }

  fetch('data/cockpit.json')
    .then((r) => (r.ok ? r.json() : null))
    .catch(() => null)
    .then(start);
})();
