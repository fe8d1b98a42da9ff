/**
 * A generated test photo as an SVG data URI: no network, any natural size. A grid every 500
 * pixels with labelled lines makes it easy to see whether a box sits where its coordinates say.
 */
export function testImage(width = 4000, height = 3000, hue = 210): string {
  const lines: string[] = [];
  for (let x = 500; x < width; x += 500) {
    lines.push(`<line x1="${x}" y1="0" x2="${x}" y2="${height}"/>`);
    lines.push(`<text x="${x + 20}" y="120">${x}</text>`);
  }
  for (let y = 500; y < height; y += 500) {
    lines.push(`<line x1="0" y1="${y}" x2="${width}" y2="${y}"/>`);
    lines.push(`<text x="20" y="${y - 30}">${y}</text>`);
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue} 60% 82%)"/><stop offset="1" stop-color="hsl(${hue + 40} 50% 60%)"/></linearGradient></defs>
<rect width="100%" height="100%" fill="url(#g)"/>
<circle cx="${width * 0.3}" cy="${height * 0.55}" r="${Math.min(width, height) * 0.18}" fill="hsl(${hue + 180} 55% 55%)"/>
<rect x="${width * 0.58}" y="${height * 0.3}" width="${width * 0.25}" height="${height * 0.4}" fill="hsl(${hue + 90} 45% 45%)"/>
<g stroke="rgba(0,0,0,0.35)" stroke-width="${Math.max(2, width / 800)}" font-family="sans-serif" font-size="${Math.max(12, width / 40)}" fill="rgba(0,0,0,0.6)">${lines.join('')}</g>
</svg>`;
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
