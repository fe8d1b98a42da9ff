/**
 * A generated photo-like image as a base64 SVG data URI (no network; any natural size), so the
 * builder receives a `data:image/...;base64,` source just like an uploaded file.
 */
export function generatedImage(width: number, height: number, hue: number, label: string): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<rect width="100%" height="100%" fill="hsl(${hue} 55% 78%)"/>
<circle cx="${width * 0.35}" cy="${height * 0.5}" r="${Math.min(width, height) * 0.2}" fill="hsl(${hue + 150} 50% 45%)"/>
<rect x="${width * 0.6}" y="${height * 0.25}" width="${width * 0.25}" height="${height * 0.5}" fill="hsl(${hue + 60} 40% 40%)"/>
<text x="${width / 20}" y="${height / 8}" font-family="sans-serif" font-size="${height / 12}" fill="#111">${label} ${width}x${height}</text>
</svg>`;
  return `data:image/svg+xml;base64,${btoa(svg)}`;
}
