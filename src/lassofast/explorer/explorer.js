// lassofast explorer: hand-written SVG, no libraries. All numbers come from the embedded JSON
// (computed by lassofast in Python); this script only draws them and reacts to the controls.
(function () {
  "use strict";
  const D = JSON.parse(document.getElementById("lassofast-data").textContent);
  const PAL = D.meta.palette, NAMES = D.meta.names, COLORS = D.meta.colors;
  const NO_DATA = D.meta.no_data;  // why the data panels are empty (a page made from a path alone)
  const A = D.path.alphas, K = A.length, P = D.meta.p;
  const NS = "http://www.w3.org/2000/svg";
  // Start where about two thirds of the features are in the model (the explainer page's "4 / 6").
  const want = Math.max(1, Math.round((2 * P) / 3)), first = D.path.nnz.findIndex((m) => m >= want);
  const state = { k: first >= 0 ? first : Math.round((K - 1) / 2), hl: -1, pair: 0, kind: "l1", ratio: 0, resample: 0 };
  const $ = (id) => document.getElementById(id);

  // ---------------------------------------------------------------- helpers
  function el(tag, attrs, parent, text) {
    const node = document.createElementNS(NS, tag);
    for (const key in attrs) node.setAttribute(key, attrs[key]);
    if (text !== undefined) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }
  function html(tag, attrs, parent, text) {
    const node = document.createElement(tag);
    for (const key in attrs) node.setAttribute(key, attrs[key]);
    if (text !== undefined) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }
  // Numbers as shown: exact zeros as "0", otherwise 3 significant digits.
  function fmt(v, digits) {
    digits = digits || 3;
    if (v === 0) return "0";
    const a = Math.abs(v);
    if (a >= 1e-3 && a < 1e5) return String(parseFloat(v.toPrecision(digits)));
    return v.toExponential(digits - 1);
  }
  function niceTicks(lo, hi, n) {
    const span = hi - lo, raw = span / Math.max(1, n), mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) || raw;
    const out = [];
    for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9 * span; v += step) out.push(Math.abs(v) < 1e-12 * span ? 0 : v);
    return out;
  }
  function logTicks(lo, hi) {
    const out = [];
    for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++)
      for (const m of [1, 2, 5]) { const v = m * Math.pow(10, e); if (v >= lo * 0.999 && v <= hi * 1.001) out.push(v); }
    return out;
  }
  function chart(container, height, margin, width) {
    container.textContent = "";
    width = width || Math.max(200, container.clientWidth);
    const svg = el("svg", { width: width, height: height, viewBox: `0 0 ${width} ${height}`, role: "img" }, container);
    return { svg: svg, width: width, height: height, m: margin,
             iw: width - margin.l - margin.r, ih: height - margin.t - margin.b };
  }
  function clip(c, id) {
    const defs = el("defs", {}, c.svg);
    const cp = el("clipPath", { id: id }, defs);
    el("rect", { x: c.m.l, y: c.m.t, width: c.iw, height: c.ih }, cp);
    return el("g", { "clip-path": `url(#${id})` }, c.svg);
  }
  const lam = (k) => 2 * A[k];                     // the explainer page's λ (README)
  // x position of grid point k on a log-λ axis, λ growing to the right
  function logX(c) {
    const lo = Math.log(A[K - 1]), hi = Math.log(A[0]), span = hi > lo ? hi - lo : 1;
    return (alpha) => c.m.l + c.iw * (Math.log(alpha) - lo) / span;
  }
  function lambdaAxis(c, x, label) {
    const y0 = c.m.t + c.ih;
    el("line", { x1: c.m.l, x2: c.m.l + c.iw, y1: y0, y2: y0, stroke: PAL.MUTED }, c.svg);
    let ticks = logTicks(2 * A[K - 1], 2 * A[0]);
    const room = Math.max(2, Math.floor(c.iw / 46));
    while (ticks.length > room) ticks = ticks.filter((_, i) => i % 2 === 0);
    for (const t of ticks) {
      const px = x(t / 2);
      el("line", { x1: px, x2: px, y1: y0, y2: y0 + 4, stroke: PAL.MUTED }, c.svg);
      el("text", { x: px, y: y0 + 16, "text-anchor": "middle" }, c.svg, fmt(t, 2));
    }
    el("text", { x: c.m.l + c.iw / 2, y: y0 + 33, "text-anchor": "middle" }, c.svg, label || "penalty λ = 2α (log scale) →");
  }
  function yAxis(c, y, lo, hi, label, n) {
    for (const t of niceTicks(lo, hi, n || 5)) {
      const py = y(t);
      el("line", { x1: c.m.l, x2: c.m.l + c.iw, y1: py, y2: py, stroke: t === 0 ? PAL.MUTED : "#262c3b" }, c.svg);
      el("text", { x: c.m.l - 5, y: py + 4, "text-anchor": "end" }, c.svg, fmt(t, 3));
    }
    el("text", { x: 12, y: c.m.t + c.ih / 2, transform: `rotate(-90 12 ${c.m.t + c.ih / 2})`, "text-anchor": "middle" }, c.svg, label);
  }
  // Drag on a λ chart: the nearest grid α to the pointer.
  function dragLambda(c, x) {
    let down = false;
    const pick = (ev) => {
      const r = c.svg.getBoundingClientRect(), px = ev.clientX - r.left;
      let best = 0, bestD = Infinity;
      for (let k = 0; k < K; k++) { const d = Math.abs(x(A[k]) - px); if (d < bestD) { bestD = d; best = k; } }
      setK(best);
    };
    c.svg.addEventListener("pointerdown", (ev) => { down = true; c.svg.setPointerCapture(ev.pointerId); pick(ev); });
    c.svg.addEventListener("pointermove", (ev) => { if (down) pick(ev); });
    const up = () => { down = false; };
    c.svg.addEventListener("pointerup", up);
    c.svg.addEventListener("pointercancel", up);
    c.svg.style.cursor = "ew-resize";
  }

  // ---------------------------------------------------------------- the λ control
  const slider = $("lambda");
  slider.max = K - 1;
  slider.addEventListener("input", () => setK(K - 1 - Number(slider.value)));
  function setK(k) {
    k = Math.max(0, Math.min(K - 1, k));
    if (k === state.k && slider.value == K - 1 - k) return;
    state.k = k;
    slider.value = K - 1 - k;
    update();
  }
  function updateControl() {
    const k = state.k;
    $("readout-lambda").textContent = fmt(lam(k));
    $("readout-alpha").textContent = fmt(A[k]);
    $("readout-nnz").textContent = `${D.path.nnz[k]} / ${P}`;
    slider.setAttribute("aria-valuetext", `λ = ${fmt(lam(k))} (α = ${fmt(A[k])}), ${D.path.nnz[k]} of ${P} features non-zero`);
  }

  // ---------------------------------------------------------------- panel 1: path, legend, bars
  const path = { c: null, x: null, y: null, lines: [], dyn: null };
  function drawPath() {
    const box = $("path-chart"), narrow = box.clientWidth < 480;
    const c = chart(box, narrow ? 250 : 320, { l: 52, r: 12, t: 10, b: 44 });
    const C = D.path.coefs;
    let lo = 0, hi = 0;
    for (const row of C) for (const v of row) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    const pad = 0.06 * (hi - lo || 1); lo -= pad; hi += pad;
    const x = logX(c), y = (v) => c.m.t + c.ih * (hi - v) / (hi - lo);
    yAxis(c, y, lo, hi, "coefficient wⱼ");
    lambdaAxis(c, x);
    const g = clip(c, "clip-path-chart");
    const thin = P > 20;
    path.lines = C.map((row, j) => el("polyline", {
      points: row.map((v, k) => `${x(A[k]).toFixed(1)},${y(v).toFixed(1)}`).join(" "),
      fill: "none", stroke: COLORS[j], "stroke-width": thin ? 1.2 : 2.2, "data-feature": j, class: "fline" }, g));
    D.path.knots.forEach((ks, j) => {
      if (thin && !D.path.bars.includes(j)) return;
      for (const [k, dir] of ks) {
        const knot = el("circle", { cx: x(A[k]), cy: y(C[j][k]), r: 4, class: "knot", "data-feature": j,
          fill: dir > 0 ? COLORS[j] : PAL.BACKGROUND, stroke: dir > 0 ? PAL.BACKGROUND : COLORS[j], "stroke-width": 1.5 }, g);
        el("title", {}, knot, `${NAMES[j]} ${dir > 0 ? "enters" : "leaves"} at λ = ${fmt(lam(k))} (α = ${fmt(A[k])})`);
      }
    });
    path.lines.forEach((line, j) => line.addEventListener("pointerenter", () => highlight(j)));
    path.lines.forEach((line) => line.addEventListener("pointerleave", () => highlight(-1)));
    path.dyn = el("g", {}, c.svg);
    path.c = c; path.x = x; path.y = y;
    dragLambda(c, x);
  }
  function updatePath() {
    const c = path.c, k = state.k, px = path.x(A[k]);
    path.dyn.textContent = "";
    el("line", { x1: px, x2: px, y1: c.m.t, y2: c.m.t + c.ih, stroke: PAL.INK, "stroke-width": 1.5, "stroke-dasharray": "5 4", id: "path-marker" }, path.dyn);
    D.path.coefs.forEach((row, j) => {
      if (P > 20 && row[k] === 0) return;
      el("circle", { cx: px, cy: path.y(row[k]), r: 3.5, fill: COLORS[j], stroke: PAL.BACKGROUND }, path.dyn);
    });
  }
  function highlight(j) {
    state.hl = j;
    path.lines.forEach((line, i) => {
      line.setAttribute("stroke-opacity", j < 0 || i === j ? 1 : 0.18);
      line.setAttribute("stroke-width", i === j ? 3.6 : (P > 20 ? 1.2 : 2.2));
      if (i === j) line.parentNode.appendChild(line);
    });
    document.querySelectorAll("[data-hl]").forEach((node) => node.classList.toggle("hl", Number(node.dataset.hl) === j));
    document.querySelectorAll("#legend button").forEach((b) => b.classList.toggle("on", Number(b.dataset.feature) === j));
  }
  function buildLegend() {
    const box = $("legend");
    const shown = P <= 20 ? NAMES.map((_, j) => j) : D.path.bars.slice(0, 20);
    for (const j of shown) {
      const b = html("button", { type: "button", "data-feature": j, "aria-label": `Highlight ${NAMES[j]}'s path` }, box);
      html("span", { class: "sw", style: `background:${COLORS[j]}` }, b);
      html("span", {}, b, NAMES[j]);
      b.addEventListener("pointerenter", () => highlight(j));
      b.addEventListener("pointerleave", () => highlight(-1));
      b.addEventListener("focus", () => highlight(j));
      b.addEventListener("blur", () => highlight(-1));
    }
    if (P > 20) html("span", { class: "note" }, box, `(${P} features: the first ${shown.length} to enter are listed)`);
  }
  const bars = [];
  let barScale = 1;
  function buildBars() {
    const box = $("bars");
    const list = D.path.bars;
    let big = 0;
    for (const j of list) for (const v of D.path.coefs[j]) big = Math.max(big, Math.abs(v));
    barScale = big || 1;
    for (const j of list) {
      const row = html("div", { class: "bar-row", "data-feature": j, "data-hl": j }, box);
      const name = html("span", { class: "bar-name" }, row);
      html("span", { class: "sw", style: `background:${COLORS[j]}` }, name);
      html("span", {}, name, NAMES[j]);
      const track = html("div", { class: "bar-track" }, row);
      const fill = html("div", { class: "bar-fill", style: `background:${COLORS[j]}` }, track);
      const value = html("span", { class: "bar-value" }, row);
      row.addEventListener("pointerenter", () => highlight(j));
      row.addEventListener("pointerleave", () => highlight(-1));
      bars.push({ j, row, fill, value });
    }
    const never = P - D.path.n_ever, notShown = D.path.n_ever - list.length;
    const notes = [];
    if (notShown > 0) notes.push(`${notShown} more features enter later on the path (not listed).`);
    if (never > 0) notes.push(`${never} feature${never > 1 ? "s are" : " is"} 0 at every λ on this grid.`);
    $("bars-note").textContent = notes.join(" ");
  }
  function updateBars() {
    const k = state.k;
    for (const b of bars) {
      const v = D.path.coefs[b.j][k], w = 50 * Math.abs(v) / barScale;
      b.fill.style.left = v >= 0 ? "50%" : `${50 - w}%`;
      b.fill.style.width = `${w}%`;
      b.value.textContent = fmt(v);
      b.row.classList.toggle("zero", v === 0);
    }
    const kept = [], zero = [];
    D.path.coefs.forEach((row, j) => (row[k] !== 0 ? kept : zero).push(NAMES[j]));
    let text;
    if (P > 12) text = `At λ = ${fmt(lam(k))} the lasso keeps ${kept.length} of ${P} features; the other ${zero.length} are exactly 0.`;
    else if (!kept.length) text = `At λ = ${fmt(lam(k))} every weight is exactly 0: the penalty outweighs any feature's fit.`;
    else if (!zero.length) text = `At λ = ${fmt(lam(k))} all ${P} features are in the model (shrunk towards 0).`;
    else text = `At λ = ${fmt(lam(k))} the lasso keeps ${kept.join(", ")} and sets ${zero.join(", ")} to exactly 0.`;
    $("path-caption").textContent = text;
  }

  // ---------------------------------------------------------------- panel 3: soft-threshold
  const soft = { c: null, zmax: 1 };
  function drawSoft() {
    const S = D.soft;
    if (!S) { $("panel-soft").classList.add("missing"); $("soft-readout").textContent = NO_DATA || "Needs the data (X, y)."; return; }
    let zmax = 0;
    for (const row of S.z) for (const v of row) zmax = Math.max(zmax, Math.abs(v));
    for (const b of S.band) zmax = Math.max(zmax, b);
    soft.zmax = 1.08 * (zmax || 1);
    const box = $("soft-chart");
    soft.c = chart(box, Math.min(300, Math.max(220, 0.6 * box.clientWidth)), { l: 48, r: 12, t: 10, b: 40 });
  }
  function updateSoft() {
    const S = D.soft, c = soft.c;
    if (!S) return;
    const k = state.k, b = S.band[k], zm = soft.zmax;
    c.svg.textContent = "";
    const x = (z) => c.m.l + c.iw * (z + zm) / (2 * zm), y = (v) => c.m.t + c.ih * (zm - v) / (2 * zm);
    yAxis(c, y, -zm, zm, "S(z, α)", 4);
    for (const t of niceTicks(-zm, zm, Math.max(3, Math.floor(c.iw / 70)))) {
      el("text", { x: x(t), y: c.m.t + c.ih + 15, "text-anchor": "middle" }, c.svg, fmt(t, 2));
    }
    el("text", { x: c.m.l + c.iw / 2, y: c.m.t + c.ih + 32, "text-anchor": "middle" }, c.svg, "zⱼ = xⱼᵀrⱼ / n");
    el("rect", { x: x(-b), y: c.m.t, width: Math.max(0, x(b) - x(-b)), height: c.ih, fill: PAL.BAND_COLOR, "fill-opacity": 0.16, id: "soft-band" }, c.svg);
    el("line", { x1: x(0), x2: x(0), y1: c.m.t, y2: c.m.t + c.ih, stroke: "#3a4256" }, c.svg);
    el("polyline", { points: [[-zm, -zm + b], [-b, 0], [b, 0], [zm, zm - b]].map(([u, v]) => `${x(u)},${y(v)}`).join(" "),
      fill: "none", stroke: PAL.INK, "stroke-width": 2.2 }, c.svg);
    el("text", { x: x(0), y: c.m.t + 13, "text-anchor": "middle", fill: PAL.BAND_COLOR, style: `fill:${PAL.BAND_COLOR}` }, c.svg, `band ±${fmt(b)}`);
    const show = (D.path.bars.length ? D.path.bars : []).slice(0, 12);
    const placed = [];
    for (const j of show) {
      const z = S.z[j][k], s = Math.abs(z) > b ? Math.sign(z) * (Math.abs(z) - b) : 0, px = x(z), py = y(s);
      const inside = s === 0;
      el("circle", { cx: px, cy: py, r: 5, fill: inside ? PAL.BACKGROUND : COLORS[j], stroke: COLORS[j], "stroke-width": 2, "data-feature": j }, c.svg);
      let ly = py - 9;
      while (placed.some((q) => Math.abs(q[0] - px) < 22 && Math.abs(q[1] - ly) < 12)) ly -= 12;
      placed.push([px, ly]);
      el("text", { x: px, y: ly, "text-anchor": "middle", style: `fill:${COLORS[j]}`, class: "lbl" }, c.svg, NAMES[j]);
    }
    const ridge = S.ridge[k] > 0 ? ` (elastic net: then divided by ‖xⱼ‖²/n + α(1−ρ) = ‖xⱼ‖²/n + ${fmt(S.ridge[k])})` : "";
    $("soft-readout").textContent = `Band ±α·ρ = ±${fmt(b)} (= ±λ/2 for the lasso). Hollow dots are inside it: weight exactly 0.${ridge}`;
    const table = $("soft-table");
    table.textContent = "";
    const head = html("tr", {}, table);
    for (const h of ["feature", "zⱼ", "|zⱼ| vs band", "wⱼ"]) html("th", {}, head, h);
    for (const j of show) {
      const z = S.z[j][k], tr = html("tr", { "data-hl": j }, table), w = D.path.coefs[j][k];
      const name = html("td", {}, tr); html("span", { style: `color:${COLORS[j]}` }, name, NAMES[j]);
      html("td", {}, tr, fmt(z));
      html("td", {}, tr, Math.abs(z) <= b ? "inside → 0" : "outside");
      html("td", {}, tr, fmt(w));
    }
  }

  // ---------------------------------------------------------------- panel 2: geometry
  const G = D.geometry;
  function buildGeometry() {
    if (!G) { $("panel-geometry").classList.add("missing"); $("geom-readout").textContent = NO_DATA || "Needs two features that are not perfectly correlated."; return; }
    const select = $("pair");
    G.pairs.forEach(([i, j], q) => html("option", { value: q }, select, `${NAMES[i]} & ${NAMES[j]}`));
    select.addEventListener("change", () => { state.pair = Number(select.value); updateGeometry(); });
    $("enet-label").textContent = `Elastic net (ρ = ${G.enet_ratio})`;
    document.querySelectorAll("input[name=kind]").forEach((r) => r.addEventListener("change", () => { state.kind = r.value; updateGeometry(); }));
    state.kind = G.primary;
    $("kind-" + G.primary).checked = true;
  }
  function regionShape(g, kind, t, rho, sx, sy, color) {
    const attrs = { fill: color, "fill-opacity": 0.2, stroke: color, "stroke-width": 2.5, id: "region", "data-kind": kind };
    if (kind === "l2") return el("circle", Object.assign({ cx: sx(0), cy: sy(0), r: Math.abs(sx(t) - sx(0)) }, attrs), g);
    if (kind === "l1") return el("polygon", Object.assign({ points: [[t, 0], [0, t], [-t, 0], [0, -t]].map(([u, v]) => `${sx(u)},${sy(v)}`).join(" ") }, attrs), g);
    // pen(s·u) = ρ·s·‖u‖₁ + (1−ρ)/2·s²·‖u‖² = t along each direction u
    const pts = [];
    for (let i = 0; i < 360; i++) {
      const th = (i * Math.PI) / 180, u = Math.cos(th), v = Math.sin(th), l1 = Math.abs(u) + Math.abs(v);
      const s = (-rho * l1 + Math.sqrt(rho * rho * l1 * l1 + 2 * (1 - rho) * t)) / (1 - rho);
      pts.push(`${sx(s * u)},${sy(s * v)}`);
    }
    return el("polygon", Object.assign({ points: pts.join(" ") }, attrs), g);
  }
  function updateGeometry() {
    if (!G) return;
    const box = $("geom-chart"), size = Math.min(box.clientWidth, 420);
    const c = chart(box, size, { l: 10, r: 10, t: 10, b: 10 }, size);
    const pic = G.pictures[state.pair], [i, j] = G.pairs[state.pair], k = state.k, E = pic.extent;
    const d = pic[state.kind], t = d.radius[k], rho = state.kind === "l1" ? 1 : state.kind === "l2" ? 0 : G.enet_ratio;
    const half = Math.min(c.iw, c.ih) / 2, cx = c.m.l + c.iw / 2, cy = c.m.t + c.ih / 2;
    const sx = (u) => cx + half * u / E, sy = (v) => cy - half * v / E;
    const g = clip(c, "clip-geom");
    el("line", { x1: sx(-E), x2: sx(E), y1: sy(0), y2: sy(0), stroke: PAL.MUTED }, g);
    el("line", { x1: sx(0), x2: sx(0), y1: sy(-E), y2: sy(E), stroke: PAL.MUTED }, g);
    const color = state.kind === "l1" ? PAL.L1_COLOR : state.kind === "l2" ? PAL.L2_COLOR : PAL.ENET_COLOR;
    if (t > 0) regionShape(g, state.kind, t, rho, sx, sy, color);
    const [wx, wy] = pic.center[k], s = d.s[k], unit = half / E;
    const scales = s > 0 ? [0.45, 1, 1.6, 2.3, 3.2] : [0.25, 0.5, 0.75, 1];
    const base = s > 0 ? s : E * Math.sqrt(pic.eig[1]);
    for (const f of scales) {
      const touch = s > 0 && f === 1;
      el("ellipse", { cx: sx(wx), cy: sy(wy), rx: unit * f * base / Math.sqrt(pic.eig[0]), ry: unit * f * base / Math.sqrt(pic.eig[1]),
        transform: `rotate(${-pic.angle} ${sx(wx)} ${sy(wy)})`, fill: "none", stroke: touch ? PAL.TOUCH_COLOR : PAL.LOSS_COLOR,
        "stroke-width": touch ? 2 : 1, "stroke-opacity": touch ? 1 : 0.55, class: touch ? "touching" : "contour" }, g);
    }
    el("path", { d: `M${sx(wx) - 5},${sy(wy) - 5}L${sx(wx) + 5},${sy(wy) + 5}M${sx(wx) - 5},${sy(wy) + 5}L${sx(wx) + 5},${sy(wy) - 5}`,
      stroke: PAL.OLS_COLOR, "stroke-width": 2 }, g);
    const [ux, uy] = d.contact[k];
    el("circle", { cx: sx(ux), cy: sy(uy), r: 6, fill: PAL.CONTACT_COLOR, stroke: PAL.BACKGROUND, "stroke-width": 1.5, id: "contact" }, g);
    el("text", { x: c.m.l + c.iw - 4, y: sy(0) - 6, "text-anchor": "end", class: "lbl", style: `fill:${COLORS[i]}` }, c.svg, `w(${NAMES[i]})`);
    el("text", { x: sx(0) + 6, y: c.m.t + 14, class: "lbl", style: `fill:${COLORS[j]}` }, c.svg, `w(${NAMES[j]})`);
    el("text", { x: c.m.l + 4, y: c.m.t + c.ih - 6 }, c.svg, `axes from −${fmt(E, 2)} to ${fmt(E, 2)}`);
    const where = d.interior[k] ? "inside the region: the least-squares point itself (the budget does not bind)"
      : t === 0 ? "the origin: at this λ both weights are 0 and the region has shrunk to a point"
      : d.at_corner[k] ? `on a corner: ${ux === 0 ? NAMES[i] : NAMES[j]}'s weight is exactly 0`
      : "off the axes: both weights are non-zero";
    const budget = state.kind === "l1" ? `‖w‖₁ ≤ ${fmt(t)}` : state.kind === "l2" ? `‖w‖₂ ≤ ${fmt(t)}` : `ρ‖w‖₁ + (1−ρ)/2‖w‖² ≤ ${fmt(t)}`;
    const out = $("geom-readout");
    out.textContent = `Contact point (${NAMES[i]}, ${NAMES[j]}) = (${fmt(ux)}, ${fmt(uy)}) — ${where}. Region: ${budget}.`;
    out.dataset.w1 = ux; out.dataset.w2 = uy; out.dataset.corner = d.at_corner[k];
    const own = G.primary === "l1" ? "diamond" : "elastic-net ball";
    $("geom-hint").textContent = `The other features are held at their values at this λ, so the ${own}'s contact point is the pair's own weights in the bars. `
      + (state.kind === G.primary ? "" : `This region is drawn through that same point: its contact shows where ${state.kind === "l2" ? "ridge" : "the elastic net"} would go with the same budget. `)
      + "The white ellipse is the loss contour that touches the region; × is the least-squares fit.";
  }

  // ---------------------------------------------------------------- panel 5: error vs λ
  const E5 = D.error;
  const err = { c: null, x: null, y: null, dyn: null };
  function drawError() {
    if (!E5) { $("panel-error").classList.add("missing"); $("error-readout").textContent = NO_DATA || "Needs cross-validation: cv ≥ 2 folds."; $("goto-min").disabled = $("goto-1se").disabled = true; return; }
    const box = $("error-chart");
    const c = chart(box, box.clientWidth < 480 ? 220 : 260, { l: 52, r: 12, t: 10, b: 44 });
    let hi = 0, lo = Infinity;
    for (let k = 0; k < K; k++) { hi = Math.max(hi, E5.train[k], E5.cv_mean[k] + E5.cv_se[k]); lo = Math.min(lo, E5.train[k], E5.cv_mean[k] - E5.cv_se[k]); }
    lo = Math.max(0, lo - 0.05 * (hi - lo)); hi += 0.05 * (hi - lo);
    const x = logX(c), y = (v) => c.m.t + c.ih * (hi - v) / (hi - lo);
    yAxis(c, y, lo, hi, "mean squared error", 4);
    lambdaAxis(c, x);
    const g = clip(c, "clip-error");
    const up = [], down = [];
    for (let k = 0; k < K; k++) { up.push(`${x(A[k])},${y(E5.cv_mean[k] + E5.cv_se[k])}`); down.unshift(`${x(A[k])},${y(E5.cv_mean[k] - E5.cv_se[k])}`); }
    el("polygon", { points: up.concat(down).join(" "), fill: PAL.ENET_COLOR, "fill-opacity": 0.2 }, g);
    el("polyline", { points: A.map((a, k) => `${x(a)},${y(E5.cv_mean[k])}`).join(" "), fill: "none", stroke: PAL.ENET_COLOR, "stroke-width": 2.2 }, g);
    el("polyline", { points: A.map((a, k) => `${x(a)},${y(E5.train[k])}`).join(" "), fill: "none", stroke: PAL.L2_COLOR, "stroke-width": 2.2 }, g);
    for (const [k, color, dash] of [[E5.k_min, PAL.CONTACT_COLOR, "6 4"], [E5.k_1se, PAL.L1_COLOR, "2 3"]])
      el("line", { x1: x(A[k]), x2: x(A[k]), y1: c.m.t, y2: c.m.t + c.ih, stroke: color, "stroke-width": 2, "stroke-dasharray": dash }, g);
    err.dyn = el("g", {}, c.svg);
    err.c = c; err.x = x; err.y = y;
    dragLambda(c, x);
  }
  function buildErrorLegend() {
    if (!E5) return;
    const box = $("error-legend");
    for (const [color, label] of [[PAL.L2_COLOR, "training error"], [PAL.ENET_COLOR, `${E5.folds}-fold CV error ± 1 SE`],
      [PAL.CONTACT_COLOR, `min CV: λ = ${fmt(lam(E5.k_min))}`], [PAL.L1_COLOR, `one-SE: λ = ${fmt(lam(E5.k_1se))}`]]) {
      const item = html("span", { class: "item" }, box);
      html("span", { class: "sw", style: `background:${color}` }, item);
      html("span", {}, item, label);
    }
    $("goto-min").addEventListener("click", () => setK(E5.k_min));
    $("goto-1se").addEventListener("click", () => setK(E5.k_1se));
  }
  function updateError() {
    if (!E5) return;
    const k = state.k, c = err.c, px = err.x(A[k]);
    err.dyn.textContent = "";
    el("line", { x1: px, x2: px, y1: c.m.t, y2: c.m.t + c.ih, stroke: PAL.INK, "stroke-width": 1.5, "stroke-dasharray": "5 4" }, err.dyn);
    el("circle", { cx: px, cy: err.y(E5.cv_mean[k]), r: 4, fill: PAL.ENET_COLOR }, err.dyn);
    el("circle", { cx: px, cy: err.y(E5.train[k]), r: 4, fill: PAL.L2_COLOR }, err.dyn);
    const best = E5.cv_mean[E5.k_min] + E5.cv_se[E5.k_min], far = E5.cv_mean[k] > best;
    const fit = !far ? "within one standard error of the best held-out error"
      : k < E5.k_min ? "too much penalty: under-fitting (training and held-out error both high)"
      : "too little penalty: over-fitting (training error is low, held-out error is not — the extra weights fit noise)";
    $("error-readout").textContent = `At λ = ${fmt(lam(k))}: training MSE ${fmt(E5.train[k])}, CV MSE ${fmt(E5.cv_mean[k])} ± ${fmt(E5.cv_se[k])}. `
      + (k === E5.k_min ? "This is the minimum CV error." : k === E5.k_1se ? "This is the one-SE λ: the simplest model within 1 SE of the best." : fit.charAt(0).toUpperCase() + fit.slice(1) + ".");
  }

  // ---------------------------------------------------------------- panel 4: break it
  const B = D.breakit;
  const brk = { rows: [] };
  function buildBreakit() {
    const [n1, n2] = B.names;
    $("breakit-intro").textContent = `Two features ${n1} and ${n2} with correlation ${B.corr} and equal true weights (n = ${B.n}, a data set of its own). `
      + `Each "resample" refits at α = ${fmt(B.alpha)} (λ = ${fmt(2 * B.alpha)}) on a bootstrap sample of the rows: which of the pair does the lasso keep?`;
    const box = $("ratio-toggle");
    B.ratios.forEach((r, q) => {
      const lab = html("label", {}, box);
      const input = html("input", { type: "radio", name: "ratio", value: q, id: `ratio-${q}` }, lab);
      if (q === 0) input.checked = true;
      lab.appendChild(document.createTextNode(` ${r === 1 ? "1 (lasso)" : r}`));
      input.addEventListener("change", () => { state.ratio = q; updateBreakit(); });
    });
    const bb = $("breakit-bars");
    B.names.forEach((name, j) => {
      const row = html("div", { class: "bar-row", "data-feature": j }, bb);
      const nm = html("span", { class: "bar-name" }, row);
      html("span", { class: "sw", style: `background:${PAL.FEATURE_COLORS[j]}` }, nm);
      html("span", {}, nm, name);
      const track = html("div", { class: "bar-track" }, row);
      const fill = html("div", { class: "bar-fill", style: `background:${PAL.FEATURE_COLORS[j]}` }, track);
      const value = html("span", { class: "bar-value" }, row);
      brk.rows.push({ row, fill, value });
    });
    const R = B.coefs[0].length;
    $("resample-next").addEventListener("click", () => { state.resample = (state.resample + 1) % R; updateBreakit(); });
    $("resample-prev").addEventListener("click", () => { state.resample = (state.resample + R - 1) % R; updateBreakit(); });
    $("resample-reset").addEventListener("click", () => { state.resample = 0; updateBreakit(); });
  }
  function keptLabel(w) {
    const [n1, n2] = B.names;
    return w[0] !== 0 && w[1] !== 0 ? "both" : w[0] !== 0 ? `${n1} only` : w[1] !== 0 ? `${n2} only` : "neither";
  }
  function updateBreakit() {
    const q = state.ratio, r = state.resample, W = B.coefs[q], R = W.length, w = W[r];
    let big = 0;
    for (const set of B.coefs) for (const v of set) big = Math.max(big, Math.abs(v[0]), Math.abs(v[1]));
    const kept = keptLabel(w), el_ = $("breakit-kept");
    el_.textContent = `Resample ${r + 1} of ${R}, l1_ratio ${B.ratios[q]}: keeps ${kept}.`;
    el_.dataset.kept = kept; el_.dataset.resample = r;
    brk.rows.forEach((b, j) => {
      const width = 50 * Math.abs(w[j]) / (big || 1);
      b.fill.style.left = w[j] >= 0 ? "50%" : `${50 - width}%`;
      b.fill.style.width = `${width}%`;
      b.value.textContent = fmt(w[j]);
      b.row.classList.toggle("zero", w[j] === 0);
    });
    const counts = { [`${B.names[0]} only`]: 0, [`${B.names[1]} only`]: 0, both: 0, neither: 0 };
    for (let i = 0; i <= r; i++) counts[keptLabel(W[i])] += 1;
    $("breakit-shares").textContent = "So far: " + Object.entries(counts).filter(([key, v]) => v > 0 || key !== "neither")
      .map(([key, v]) => `${key} ${v}/${r + 1}`).join(" · ");
    // the refits so far in the (w1, w2) plane: on an axis = one feature deleted
    const box = $("breakit-chart"), size = Math.min(box.clientWidth, 260);
    const c = chart(box, size, { l: 8, r: 8, t: 8, b: 8 }, size);
    const half = Math.min(c.iw, c.ih) / 2, cx = c.m.l + c.iw / 2, cy = c.m.t + c.ih / 2, E = 1.15 * (big || 1);
    const sx = (u) => cx + half * u / E, sy = (v) => cy - half * v / E;
    el("line", { x1: sx(-E), x2: sx(E), y1: sy(0), y2: sy(0), stroke: PAL.MUTED }, c.svg);
    el("line", { x1: sx(0), x2: sx(0), y1: sy(-E), y2: sy(E), stroke: PAL.MUTED }, c.svg);
    el("text", { x: sx(E) - 2, y: sy(0) - 5, "text-anchor": "end", class: "lbl", style: `fill:${PAL.FEATURE_COLORS[0]}` }, c.svg, `w(${B.names[0]})`);
    el("text", { x: sx(0) + 5, y: sy(E) + 12, class: "lbl", style: `fill:${PAL.FEATURE_COLORS[1]}` }, c.svg, `w(${B.names[1]})`);
    for (let i = 0; i <= r; i++)
      el("circle", { cx: sx(W[i][0]), cy: sy(W[i][1]), r: i === r ? 6 : 3.5, fill: i === r ? PAL.CONTACT_COLOR : PAL.LOSS_COLOR, "fill-opacity": i === r ? 1 : 0.6 }, c.svg);
  }

  // ---------------------------------------------------------------- wiring
  function update() {
    updateControl(); updatePath(); updateBars(); updateSoft(); updateGeometry(); updateError();
  }
  function drawAll() { drawPath(); drawSoft(); drawError(); update(); updateBreakit(); highlight(state.hl); }
  buildLegend(); buildBars(); buildGeometry(); buildErrorLegend(); buildBreakit();
  slider.value = K - 1 - state.k;
  drawAll();
  let pending = false, lastWidth = window.innerWidth;
  window.addEventListener("resize", () => {
    if (pending || window.innerWidth === lastWidth) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; lastWidth = window.innerWidth; drawAll(); });
  });
  document.documentElement.dataset.readyMs = Math.round(performance.now());
  document.documentElement.dataset.ready = "1";
})();
