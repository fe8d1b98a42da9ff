import { Profiler } from 'react';
import { createRoot } from 'react-dom/client';
import type { Box } from '../../src/index';
import { BboxPicker } from '../../src/index';
import '../../src/styles.css';
import { testImage } from '../../src/stories/test-image';

/** What the benchmark driver reads back: React commit times and animation frame times. */
interface BenchProbe {
  commits: number[];
  frames: number[];
  recording: boolean;
}

declare global {
  interface Window {
    bench: BenchProbe;
  }
}

const params = new URLSearchParams(location.search);
const count = Number(params.get('boxes') ?? '1');
// Zoom (a multiple of the fitted 1000 px view); zoomed in, box 0 sits in the middle of the view.
const zoom = Number(params.get('zoom') ?? '1');
// Box 0 is the one dragged; the others fill a grid so the page really holds `count` boxes.
const boxes: Box[] = [[200, 200, 800, 700]];
for (let i = 1; i < count; i++) {
  const col = i % 10;
  const row = Math.floor(i / 10);
  boxes.push([1000 + col * 290, 100 + row * 280, 1000 + col * 290 + 200, 100 + row * 280 + 200]);
}

const probe: BenchProbe = { commits: [], frames: [], recording: false };
window.bench = probe;
const tick = (t: number) => {
  if (probe.recording) probe.frames.push(t);
  requestAnimationFrame(tick);
};
requestAnimationFrame(tick);

const root = document.getElementById('root');
if (!root) throw new Error('no #root');
createRoot(root).render(
  <Profiler
    id="picker"
    onRender={() => {
      if (probe.recording) probe.commits.push(performance.now());
    }}
  >
    <BboxPicker
      src={testImage(4000, 3000)}
      alt="Benchmark image"
      defaultValue={boxes}
      style={{ width: 1000 }}
      defaultZoom={zoom}
      defaultPan={{ x: 500, y: 450 }}
      onInput={() => {}}
      onChange={() => {}}
    />
  </Profiler>,
);
