// The big map: up to a few hundred thousand points drawn with WebGL (regl-scatterplot), in a
// Streamlit components-v1 iframe. Python sends the points as bytes (see ../../__init__.py):
//   xy      float32: all x, then all y, in [-1, 1] (already scaled, aspect ratio kept)
//   codes   uint16 category of each point (its colour)
//   texts   UTF-8 hover texts separated by 0 bytes, zlib-compressed (decoded one at a time, on hover)
//   highlight  uint32 row ids to select and zoom to (a search result, neighbours)
//   labels  [[x, y, text], …] in the same scaled coordinates (cluster keywords at each centre)
//   query   [x, y, text] or null: a typed query placed on the map, drawn as a ring
//   density true draws a smoothed 2D histogram of the points under them (computed here, from xy)
// Opened from a file (the map exported as one HTML page), the same script reads its arguments from
// window.__SCATTER_ARGS__ instead of Streamlit, and Labels / Density buttons toggle the layers.
// It sends back {data_id, ids (base64 uint32), clicked, how, seq} on every selection.
// No text from the data is ever parsed as HTML: tooltips and the legend use textContent.
import createScatterplot from "regl-scatterplot";

const send = (type, data) => window.parent.postMessage({ isStreamlitMessage: true, type, ...data }, "*");

const root = document.getElementById("root");
const canvas = document.getElementById("map");
const tooltip = document.getElementById("tooltip");
const legend = document.getElementById("legend");
const marks = document.getElementById("marks");
const queryMark = document.getElementById("query");
const densityCanvas = document.getElementById("density");
const status = document.getElementById("status");
const buttons = Object.fromEntries([...document.querySelectorAll("[data-mode]")].map((b) => [b.dataset.mode, b]));
const decoder = new TextDecoder();

let plot = null;
let dataId = null;
let highlightId = null;
let highlighted = false;
let n = 0;
let textBytes = new Uint8Array(0);
let textStarts = new Uint32Array(1);
let lassoing = false;
let seq = 0;
let reported = 0; // how many points the last report held
let mouse = [0, 0];
let lassoEndAt = 0;
let labels = [];
let labelsKey = "";
let viewMatrix = null;
let points = { x: new Float32Array(0), y: new Float32Array(0) };
let densityImage = null; // the histogram as a canvas, GRID x GRID pixels
let densityOn = false;
let densityArg = null;
let labelsOn = true;
let query = null;
const standalone = Boolean(window.__SCATTER_ARGS__);
const GRID = 256; // density cells per side of the [-1, 1] square

// Bytes arrive as views into a larger message buffer, possibly unaligned: copy before viewing as floats.
const view = (bytes, Type) => (bytes && bytes.byteLength ? new Type(bytes.slice().buffer) : new Type(0));

function indexTexts(bytes) {
  const starts = new Uint32Array(n + 1);
  let k = 1;
  for (let i = 0; i < bytes.length && k < n; i += 1) if (bytes[i] === 0) starts[k++] = i + 1;
  starts[n] = bytes.length + 1;
  return starts;
}

const textOf = (i) => decoder.decode(textBytes.subarray(textStarts[i], Math.max(textStarts[i], textStarts[i + 1] - 1)));

function toBase64(ids) {
  const bytes = new Uint8Array(Uint32Array.from(ids).buffer);
  let out = "";
  for (let i = 0; i < bytes.length; i += 0x8000) out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(out);
}

function report(points, how) {
  if (!points.length && !reported) return; // nothing was selected: no rerun
  reported = points.length;
  seq += 1;
  const clicked = how === "click" && points.length === 1 ? points[0] : null;
  status.textContent = points.length ? `${points.length.toLocaleString()} selected` : "";
  const value = { data_id: dataId, ids: toBase64(points), clicked, how, seq };
  send("streamlit:setComponentValue", { value, dataType: "json" });
  // For the browser tests and the benchmark: what was sent, and how long after the mouse was released.
  window.__scatter = { ...window.__scatter, sent: points.length, sentAfterLassoMs: Date.now() - lassoEndAt, seq };
}

function setMode(mode) {
  for (const [name, button] of Object.entries(buttons)) button.setAttribute("aria-pressed", String(name === mode));
  if (mode === "reset") return;
  plot.set(mode === "pan" ? { mouseMode: "panZoom" } : { mouseMode: "lasso", lassoType: mode === "box" ? "rectangle" : "freeform" });
}

function create(args) {
  plot = createScatterplot({
    canvas,
    width: "auto",
    height: "auto",
    pointSize: args.point_size,
    pointSizeSelected: 2,
    opacityBy: "density",
    backgroundColor: args.background,
    lassoColor: args.accent,
    pointOutlineWidth: 1,
    opacityInactiveMax: 0.15,
    lassoOnLongPress: false,
    deselectOnEscape: true,
    deselectOnDblClick: true,
    actionKeyMap: { lasso: "shift", merge: "meta", remove: "alt" },
  });
  plot.subscribe("lassoStart", () => {
    lassoing = true;
  });
  window.addEventListener("mouseup", () => (lassoEndAt = Date.now()), { capture: true });
  plot.subscribe("select", ({ points }) => {
    report(Array.from(points), lassoing ? plot.get("lassoType") === "rectangle" ? "box" : "lasso" : "click");
    lassoing = false;
  });
  plot.subscribe("deselect", () => {
    lassoing = false;
    report([], "clear");
  });
  plot.subscribe("pointOver", (i) => {
    tooltip.textContent = textOf(i);
    tooltip.hidden = false;
    place();
  });
  plot.subscribe("view", ({ view }) => {
    viewMatrix = view;
    placeOverlays();
  });
  plot.subscribe("draw", ({ view }) => {
    viewMatrix = view;
    placeOverlays();
  });
  plot.subscribe("pointOut", () => {
    tooltip.hidden = true;
  });
  canvas.addEventListener("mousemove", (e) => {
    mouse = [e.clientX, e.clientY];
    if (!tooltip.hidden) place();
  });
  canvas.addEventListener("mouseleave", () => {
    tooltip.hidden = true;
  });
  for (const [mode, button] of Object.entries(buttons)) {
    button.addEventListener("click", () => (mode === "reset" ? plot.reset() : setMode(mode)));
  }
  for (const button of document.querySelectorAll("[data-layer]")) {
    button.hidden = !standalone; // in the app, Streamlit's toggles decide
    button.addEventListener("click", () => {
      if (button.dataset.layer === "labels") labelsOn = !labelsOn;
      else densityOn = !densityOn;
      showLayers();
    });
  }
  new ResizeObserver(() => {
    const { width, height } = canvas.getBoundingClientRect();
    if (width > 0 && height > 0) plot.set({ width, height });
  }).observe(canvas);
  setMode("pan");
}

// Overlays sit at data positions: screen = projection x view x point, as regl-scatterplot draws them.
function toScreen(x, y) {
  const v = viewMatrix;
  const { width, height } = canvas.getBoundingClientRect();
  const sx = (v[0] * x + v[4] * y + v[12]) / (width / height);
  const sy = v[1] * x + v[5] * y + v[13];
  return [(width * (sx + 1)) / 2, height * (0.5 - sy / 2), Math.abs(sx) <= 1.05 && Math.abs(sy) <= 1.05];
}

function placeOverlays() {
  if (!viewMatrix) return;
  // Labels come largest cluster first: one that would overlap a label already placed is hidden
  // (zooming in spreads them apart and shows it again).
  const placed = [];
  marks.childNodes.forEach((el, i) => {
    const [px, py, inside] = toScreen(labels[i][0], labels[i][1]);
    el.style.transform = `translate(${px}px, ${py}px) translate(-50%, -50%)`;
    const w = el.offsetWidth / 2 + 2;
    const h = el.offsetHeight / 2 + 1;
    const clash = placed.some(([x, y, pw, ph]) => Math.abs(x - px) < w + pw && Math.abs(y - py) < h + ph);
    const shown = inside && !clash;
    el.style.visibility = shown ? "visible" : "hidden"; // not `hidden`: a hidden label keeps its size
    if (shown) placed.push([px, py, w, h]);
  });
  if (query) {
    const [px, py, inside] = toScreen(query[0], query[1]);
    queryMark.style.transform = `translate(${px}px, ${py}px)`;
    queryMark.hidden = !inside;
  }
  drawDensity();
}

// A 2D histogram of the points, smoothed (three box blurs, close to a Gaussian) and on a log scale,
// coloured from white (no points) to blue; drawn with multiply blending, so points stay visible.
function densityOf(x, y) {
  const counts = new Float32Array(GRID * GRID);
  for (let i = 0; i < x.length; i += 1) {
    const cx = Math.min(GRID - 1, Math.max(0, Math.floor(((x[i] + 1) / 2) * GRID)));
    const cy = Math.min(GRID - 1, Math.max(0, Math.floor(((1 - y[i]) / 2) * GRID)));
    counts[cy * GRID + cx] += 1;
  }
  let grid = counts;
  for (let pass = 0; pass < 3; pass += 1) grid = blur(blur(grid, 1, GRID), GRID, 1);
  let top = 0;
  for (const c of grid) top = Math.max(top, c);
  const image = document.createElement("canvas");
  image.width = image.height = GRID;
  const ctx = image.getContext("2d");
  const pixels = ctx.createImageData(GRID, GRID);
  const scale = Math.log1p(top) || 1;
  for (let i = 0; i < grid.length; i += 1) {
    const t = Math.log1p(grid[i]) / scale; // 0 … 1
    pixels.data[4 * i] = Math.round(255 - t * (255 - 33));
    pixels.data[4 * i + 1] = Math.round(255 - t * (255 - 102));
    pixels.data[4 * i + 2] = Math.round(255 - t * (255 - 172));
    pixels.data[4 * i + 3] = 255;
  }
  ctx.putImageData(pixels, 0, 0);
  return image;
}

function blur(grid, step, stride, radius = 3) {
  // A box blur along one axis: `step` between neighbours, `stride` between lines.
  const out = new Float32Array(grid.length);
  for (let line = 0; line < GRID; line += 1) {
    let sum = 0;
    const at = (k) => grid[line * stride + k * step];
    for (let k = 0; k < radius; k += 1) sum += at(k);
    for (let k = 0; k < GRID; k += 1) {
      if (k + radius < GRID) sum += at(k + radius);
      if (k - radius - 1 >= 0) sum -= at(k - radius - 1);
      out[line * stride + k * step] = sum / (2 * radius + 1);
    }
  }
  return out;
}

function drawDensity() {
  const { width, height } = canvas.getBoundingClientRect();
  const ratio = window.devicePixelRatio || 1;
  densityCanvas.hidden = !densityOn;
  if (!densityOn || !viewMatrix) return;
  if (!densityImage) densityImage = densityOf(points.x, points.y);
  densityCanvas.width = Math.round(width * ratio);
  densityCanvas.height = Math.round(height * ratio);
  const ctx = densityCanvas.getContext("2d");
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, width, height);
  const [x0, y0] = toScreen(-1, 1);
  const [x1, y1] = toScreen(1, -1);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(densityImage, x0, y0, x1 - x0, y1 - y0);
  window.__scatter = { ...window.__scatter, densityDrawn: (window.__scatter?.densityDrawn || 0) + 1 };
}

function showLayers() {
  marks.hidden = !labelsOn;
  for (const button of document.querySelectorAll("[data-layer]")) {
    button.setAttribute("aria-pressed", String(button.dataset.layer === "labels" ? labelsOn : densityOn));
    if (button.dataset.layer === "labels") button.hidden = !standalone || !labels.length;
  }
  placeOverlays();
  drawDensity();
}

function drawQuery(value) {
  query = value || null;
  queryMark.hidden = !query;
  queryMark.querySelector("span").textContent = query ? query[2] : "";
  placeOverlays();
}

function drawLabels(list) {
  const key = JSON.stringify(list || []);
  if (key === labelsKey) return;
  labelsKey = key;
  labels = list || [];
  marks.replaceChildren(
    ...labels.map(([, , text]) => {
      const el = document.createElement("span");
      el.textContent = text;
      return el;
    }),
  );
  placeOverlays();
}

function place() {
  const pad = 14;
  const { innerWidth: w, innerHeight: h } = window;
  const box = tooltip.getBoundingClientRect();
  tooltip.style.left = `${Math.min(mouse[0] + pad, w - box.width - 4)}px`;
  tooltip.style.top = `${mouse[1] + pad + box.height > h ? mouse[1] - box.height - pad : mouse[1] + pad}px`;
}

function drawLegend(categories, palette) {
  legend.replaceChildren();
  categories.slice(0, 24).forEach((name, i) => {
    const item = document.createElement("span");
    const swatch = document.createElement("i");
    swatch.style.background = palette[i % palette.length];
    item.append(swatch, document.createTextNode(name));
    legend.append(item);
  });
  if (categories.length > 24) legend.append(document.createTextNode(`+ ${categories.length - 24} more`));
}

const inflate = async (bytes) =>
  new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"))).arrayBuffer());

async function load(args) {
  const t0 = Date.now();
  const xy = view(args.xy, Float32Array);
  n = xy.length / 2;
  const x = xy.subarray(0, n);
  const y = xy.subarray(n);
  points = { x, y };
  densityImage = null;
  const codes = view(args.codes, Uint16Array);
  const valueA = codes.length === n ? Float32Array.from(codes) : new Float32Array(n);
  // Hover texts are not needed for the first paint: inflate them while the points are drawn.
  textBytes = new Uint8Array(0);
  textStarts = new Uint32Array(n + 1);
  const texts = args.texts && args.texts.byteLength ? inflate(args.texts) : Promise.resolve(new Uint8Array(0));
  const colours = Array.from({ length: Math.max(1, args.categories.length) }, (_, i) => args.palette[i % args.palette.length]);
  // Selected points keep their category colour, drawn larger with an outline, while every other
  // point fades (opacityInactiveMax): readable in any palette, and for colour-blind eyes.
  plot.set({ pointColor: colours, colorBy: "valueA", pointSize: args.point_size });
  drawLegend(args.categories, args.palette);
  dataId = args.data_id;
  highlightId = null;
  reported = 0;
  await plot.draw({ x, y, valueA }, { zDataType: "categorical" });
  // For the browser tests and the benchmark: what is drawn, and where a point is (canvas pixels).
  window.__scatter = { drawn: n, dataId, drawMs: Date.now() - t0, screenOf: (i) => plot.getScreenPosition(i) };
  textBytes = await texts;
  textStarts = indexTexts(textBytes);
  window.__scatter.textsMs = Date.now() - t0;
}

function highlight(args) {
  if (args.highlight_id === highlightId) return;
  highlightId = args.highlight_id;
  const ids = Array.from(view(args.highlight, Uint32Array));
  if (!ids.length) {
    if (highlighted) plot.deselect({ preventEvent: true }); // the search was cleared
    highlighted = false;
    status.textContent = "";
    return;
  }
  highlighted = true;
  plot.select(ids, { preventEvent: true });
  status.textContent = `${ids.length.toLocaleString()} highlighted`;
  if (args.zoom) plot.zoomToPoints(ids, { transition: true, padding: 0.4 });
}

let queue = Promise.resolve();

function render(args) {
  root.style.height = `${args.height}px`;
  document.documentElement.style.setProperty("--scale", String(args.text_scale || 1)); // presenter: bigger text
  if (!plot) create(args);
  queue = queue.then(async () => {
    if (args.data_id !== dataId) await load(args);
    highlight(args);
    drawLabels(args.labels);
    drawQuery(args.query);
    if (Boolean(args.density) !== densityArg) {
      densityArg = Boolean(args.density); // a change in the app sets the layer; standalone, the button does
      densityOn = densityArg;
    }
    showLayers();
  });
  if (!standalone) send("streamlit:setFrameHeight", { height: document.body.scrollHeight });
}

// The exported page: bytes come as base64 strings, the map fills the window.
function fromBase64(text) {
  const raw = atob(text || "");
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i += 1) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

if (standalone) {
  const args = { ...window.__SCATTER_ARGS__ };
  for (const name of ["xy", "codes", "texts", "highlight"]) args[name] = fromBase64(args[name]);
  const fit = () => render({ ...args, height: Math.max(300, window.innerHeight - 2) });
  window.addEventListener("resize", fit);
  fit();
} else {
  window.addEventListener("message", (event) => {
    if (event.data && event.data.type === "streamlit:render") render(event.data.args);
  });
  send("streamlit:componentReady", { apiVersion: 1 });
}
