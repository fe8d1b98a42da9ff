/**
 * Draws the mock's output PNGs: a deterministic colour pattern derived from the prompt (and seed),
 * a distinct hue and a visible number per image of a request, and box outlines for interactive edits.
 */
import { createHash } from 'node:crypto';
import { PNG } from 'pngjs';

/** A rectangle in output pixels, inclusive corners, as drawn for one `bbox_list` box. */
export interface OutputBox {
  /** Left edge (pixel column). */
  x1: number;
  /** Top edge (pixel row). */
  y1: number;
  /** Right edge (pixel column, inclusive). */
  x2: number;
  /** Bottom edge (pixel row, inclusive). */
  y2: number;
  /** Index of the input image the box belongs to (0-based); picks the outline colour. */
  inputIndex: number;
}

/** What one output image depends on. */
export interface RenderImageInput {
  /** The prompt text (all text items joined). */
  prompt: string;
  /** `parameters.seed`, when given. */
  seed?: number | undefined;
  /** 0-based index of the image within the request. */
  index: number;
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
  /** Boxes to outline, already mapped to output pixels. */
  boxes?: readonly OutputBox[];
}

/**
 * Outline colours of boxes, by input image index (cycled). Every one has a channel at exactly 0 and
 * one at exactly 255, which the background never has (its channels stay within 24..231), so an
 * outline pixel can never be confused with the pattern.
 */
export const BOX_COLORS: readonly (readonly [number, number, number])[] = [
  [255, 0, 255],
  [0, 255, 255],
  [255, 255, 0],
  [0, 255, 0],
  [255, 0, 0],
  [0, 0, 255],
];

/** Width of a box outline in pixels. */
export const BOX_STROKE = 3;

const backgroundMin = 24;
const backgroundMax = 231;
const goldenAngle = 137.508;

type Rgb = [number, number, number];

function hslToRgb(hue: number, saturation: number, lightness: number): Rgb {
  const h = ((hue % 360) + 360) % 360;
  const a = saturation * Math.min(lightness, 1 - lightness);
  const channel = (n: number): number => {
    const k = (n + h / 30) % 12;
    return 255 * (lightness - a * Math.max(-1, Math.min(k - 3, 9 - k, 1)));
  };
  return [channel(0), channel(8), channel(4)];
}

function clampBackground(value: number): number {
  return Math.round(Math.min(backgroundMax, Math.max(backgroundMin, value)));
}

// 3x5 bitmap digits, one string of 15 cells per digit, row by row.
const digitGlyphs = [
  '111101101101111',
  '010110010010111',
  '111001111100111',
  '111001111001111',
  '101101111001001',
  '111100111001111',
  '111100111101111',
  '111001001001001',
  '111101111101111',
  '111101111001111',
];

/** The parameters of the pattern that depend on the prompt and seed only. */
function patternOf(prompt: string, seed: number | undefined) {
  const hash = createHash('sha256')
    .update(`${prompt}\u0000${seed ?? ''}`)
    .digest();
  const byte = (at: number): number => hash[at] ?? 0;
  return {
    hue: ((byte(0) << 8) | byte(1)) % 360,
    angle: (byte(2) / 255) * Math.PI,
    stripes: 3 + (byte(3) % 9),
    circleX: 0.2 + (byte(4) / 255) * 0.6,
    circleY: 0.2 + (byte(5) / 255) * 0.6,
    circleRadius: 0.12 + (byte(6) / 255) * 0.2,
  };
}

/** Draws one output image and encodes it as PNG. Same input, same bytes. */
export function renderImage(input: RenderImageInput): Buffer {
  const { width, height } = input;
  const png = new PNG({ width, height, colorType: 6 });
  const data = png.data;
  const pattern = patternOf(input.prompt, input.seed);
  const hue = pattern.hue + input.index * goldenAngle;
  const from = hslToRgb(hue, 0.65, 0.32);
  const to = hslToRgb(hue + 60, 0.65, 0.62);
  const disc = hslToRgb(hue + 180, 0.55, 0.55);
  const cos = Math.cos(pattern.angle);
  const sin = Math.sin(pattern.angle);
  const shortSide = Math.min(width, height);
  const cx = pattern.circleX * width;
  const cy = pattern.circleY * height;
  const radius = pattern.circleRadius * shortSide;

  // The gradient is drawn in bands: a person sees the same picture, and flat runs compress far
  // better (smaller PNGs, faster encoding) than a smooth ramp.
  const bands = 40;
  for (let y = 0; y < height; y++) {
    const v = y / Math.max(1, height - 1);
    for (let x = 0; x < width; x++) {
      const u = x / Math.max(1, width - 1);
      const t = Math.round((((u - 0.5) * cos + (v - 0.5) * sin) / 1.42 + 0.5) * bands) / bands;
      const stripe = Math.sin(t * pattern.stripes * 2 * Math.PI) > 0 ? 10 : -10;
      const inDisc = (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
      const offset = (y * width + x) * 4;
      for (let c = 0; c < 3; c++) {
        const base = inDisc ? (disc[c] ?? 0) : (from[c] ?? 0) * (1 - t) + (to[c] ?? 0) * t;
        data[offset + c] = clampBackground(base + stripe);
      }
      data[offset + 3] = 255;
    }
  }

  drawIndexLabel(png, input.index + 1);
  for (const box of input.boxes ?? []) drawBoxOutline(png, box);
  // Sub filtering suits the flat runs and skips the slow per-row filter search.
  return PNG.sync.write(png, { filterType: 1 });
}

function fillRect(png: PNG, x0: number, y0: number, x1: number, y1: number, color: Rgb): void {
  const left = Math.max(0, Math.round(x0));
  const top = Math.max(0, Math.round(y0));
  const right = Math.min(png.width - 1, Math.round(x1));
  const bottom = Math.min(png.height - 1, Math.round(y1));
  for (let y = top; y <= bottom; y++) {
    for (let x = left; x <= right; x++) {
      const offset = (y * png.width + x) * 4;
      png.data[offset] = color[0];
      png.data[offset + 1] = color[1];
      png.data[offset + 2] = color[2];
      png.data[offset + 3] = 255;
    }
  }
}

/** The image's 1-based number on a dark plate in the top-left corner, so a person can tell them apart. */
function drawIndexLabel(png: PNG, label: number): void {
  const cell = Math.max(2, Math.round(Math.min(png.width, png.height) / 48));
  const digits = String(label);
  const margin = cell * 2;
  const plateWidth = digits.length * 4 * cell + cell;
  fillRect(png, margin, margin, margin + plateWidth - 1, margin + 7 * cell - 1, [30, 30, 30]);
  for (const [position, digit] of [...digits].entries()) {
    const glyph = digitGlyphs[Number(digit)] ?? '';
    for (let row = 0; row < 5; row++) {
      for (let column = 0; column < 3; column++) {
        if (glyph[row * 3 + column] !== '1') continue;
        const x = margin + cell + (position * 4 + column) * cell;
        const y = margin + cell + row * cell;
        fillRect(png, x, y, x + cell - 1, y + cell - 1, [225, 225, 225]);
      }
    }
  }
}

/** A {@link BOX_STROKE}-pixel outline drawn inside the box's edges. */
function drawBoxOutline(png: PNG, box: OutputBox): void {
  const color = [...(BOX_COLORS[box.inputIndex % BOX_COLORS.length] ?? [255, 0, 255])] as Rgb;
  const s = BOX_STROKE - 1;
  fillRect(png, box.x1, box.y1, box.x2, box.y1 + s, color);
  fillRect(png, box.x1, box.y2 - s, box.x2, box.y2, color);
  fillRect(png, box.x1, box.y1, box.x1 + s, box.y2, color);
  fillRect(png, box.x2 - s, box.y1, box.x2, box.y2, color);
}

/**
 * Maps a `bbox_list` box `[x1, y1, x2, y2]` from its input image's pixel space to the output's by
 * relative position (x / input width, y / input height).
 */
export function mapBoxToOutput(
  box: readonly [number, number, number, number],
  input: { width: number; height: number },
  output: { width: number; height: number },
  inputIndex: number,
): OutputBox {
  const sx = output.width / input.width;
  const sy = output.height / input.height;
  return {
    x1: Math.round(box[0] * sx),
    y1: Math.round(box[1] * sy),
    x2: Math.round(box[2] * sx) - 1,
    y2: Math.round(box[3] * sy) - 1,
    inputIndex,
  };
}
