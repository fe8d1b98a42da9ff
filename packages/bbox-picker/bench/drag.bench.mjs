// Browser benchmark of the picker's drag path (not a test: it prints numbers, it never fails).
// Builds bench/page with Vite (production React with profiling on, so <Profiler> counts commits),
// serves it on 127.0.0.1, drives Debian's Chromium through playwright with real input events and
// reads Chromium's own counters:
//   per-move scripting cost = CDP Performance ScriptDuration during the drag / pointer moves
//   renders per animation frame = React commits bucketed between requestAnimationFrame ticks
// for 1 box at zoom 1, 100 boxes at zoom 1 and 100 boxes at zoom 16 (4 screen px per original px),
// dragging box 0 of a 4000x3000 image shown 1000 px wide.
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import { build, preview } from 'vite';
import { chromiumLaunchOptions } from '../../../scripts/chromium.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('./.page-dist', import.meta.url));
const MOVES = Number(process.env.BENCH_MOVES ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

await build({
  root: `${here}page`,
  base: './',
  logLevel: 'warn',
  // Production React, but with the Profiler enabled.
  resolve: { alias: [{ find: /^react-dom\/client$/, replacement: 'react-dom/profiling' }] },
  build: { outDir, emptyOutDir: true, minify: true },
});
const server = await preview({
  root: `${here}page`,
  logLevel: 'warn',
  build: { outDir },
  preview: { host: '127.0.0.1', port: 0, strictPort: false },
});
const url = server.resolvedUrls?.local[0];
if (!url) throw new Error('preview server has no URL');

const browser = await chromium.launch(chromiumLaunchOptions);

async function measure(boxCount, zoom = 1) {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  await page.goto(`${url}?boxes=${boxCount}&zoom=${zoom}`);
  await page.waitForSelector('.bbox-picker[data-ready]');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  // Raw CDP input rather than page.mouse: playwright's mouse runs its own drag-and-drop helper
  // scripts in the page on every move with a button down, which would count as our scripting.
  const mouse = (type, x, y, buttons) =>
    cdp.send('Input.dispatchMouseEvent', {
      type,
      x,
      y,
      button: 'left',
      buttons,
      clickCount: type === 'mouseMoved' ? 0 : 1,
    });
  const metric = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
  };
  const results = [];
  // Box 0 is [200, 200, 800, 700] of 4000 px shown at 1000 px: at zoom 1 its centre is at
  // (125, 112.5); zoomed in, the view is centred on (500, 450), inside box 0.
  const [x0, y0] = zoom === 1 ? [125, 112] : [500, 375];
  for (let round = 0; round < ROUNDS + 1; round++) {
    await mouse('mouseMoved', x0, y0, 0);
    await mouse('mousePressed', x0, y0, 1);
    for (let i = 1; i <= 10; i++) await mouse('mouseMoved', x0 + i, y0, 1); // start the drag
    await page.evaluate(() => {
      window.bench.commits = [];
      window.bench.frames = [];
      window.bench.recording = true;
    });
    const before = await metric();
    for (let i = 0; i < MOVES; i++) {
      // Back and forth across most of the image width, and down a little.
      const t = i / MOVES;
      await mouse('mouseMoved', x0 + 10 + 700 * Math.sin(Math.PI * t), y0 + 400 * t, 1);
    }
    const after = await metric();
    const probe = await page.evaluate(() => {
      window.bench.recording = false;
      return { commits: window.bench.commits, frames: window.bench.frames };
    });
    await mouse('mouseReleased', x0 + 10, y0 + 400, 0);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    if (round === 0) continue; // warm-up (JIT, first layout)
    results.push({
      scriptMsPerMove: ((after.ScriptDuration - before.ScriptDuration) * 1000) / MOVES,
      layoutMsPerMove:
        ((after.LayoutDuration +
          after.RecalcStyleDuration -
          before.LayoutDuration -
          before.RecalcStyleDuration) *
          1000) /
        MOVES,
      ...rendersPerFrame(probe.commits, probe.frames),
    });
  }
  await page.close();
  return results;
}

function rendersPerFrame(commits, frames) {
  const perFrame = [];
  for (let i = 0; i < frames.length; i++) {
    const start = frames[i];
    const end = frames[i + 1] ?? Number.POSITIVE_INFINITY;
    perFrame.push(commits.filter((c) => c >= start && c < end).length);
  }
  const withRender = perFrame.filter((n) => n > 0);
  return {
    frames: frames.length,
    commits: commits.length,
    maxRendersPerFrame: Math.max(0, ...perFrame),
    meanRendersPerRenderingFrame: withRender.length
      ? withRender.reduce((a, b) => a + b, 0) / withRender.length
      : 0,
  };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

try {
  const one = await measure(1);
  const hundred = await measure(100);
  const zoomed = await measure(100, 16);
  const summary = (rs) => ({
    scriptUsPerMove: +(median(rs.map((r) => r.scriptMsPerMove)) * 1000).toFixed(1),
    styleLayoutUsPerMove: +(median(rs.map((r) => r.layoutMsPerMove)) * 1000).toFixed(1),
    commits: median(rs.map((r) => r.commits)),
    frames: median(rs.map((r) => r.frames)),
    maxRendersPerFrame: Math.max(...rs.map((r) => r.maxRendersPerFrame)),
    meanRendersPerRenderingFrame: +median(rs.map((r) => r.meanRendersPerRenderingFrame)).toFixed(2),
  });
  const a = summary(one);
  const b = summary(hundred);
  const c = summary(zoomed);
  console.log(
    `bbox-picker drag benchmark: ${MOVES} pointer moves per round, median of ${ROUNDS} rounds`,
  );
  console.table({ '1 box, zoom 1': a, '100 boxes, zoom 1': b, '100 boxes, zoom 16': c });
  const ratio = b.scriptUsPerMove / a.scriptUsPerMove;
  console.log(
    `per-move scripting cost ratio (100 boxes / 1 box): ${ratio.toFixed(2)} (goal <= 1.5)`,
  );
  console.log(
    `per-move scripting cost ratio (100 boxes at zoom 16 / 1 box at zoom 1): ${(c.scriptUsPerMove / a.scriptUsPerMove).toFixed(2)} (goal <= 1.5)`,
  );
  console.log(
    `renders per animation frame: max ${Math.max(a.maxRendersPerFrame, b.maxRendersPerFrame, c.maxRendersPerFrame)} (goal 1)`,
  );
} finally {
  await browser.close();
  await new Promise((resolve) => server.httpServer.close(resolve));
}
