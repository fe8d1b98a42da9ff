import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';

/** Reads a JSON fixture from test/fixtures. */
export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;
}

/** Reads a binary fixture from test/fixtures/images. */
export function imageFixture(name: string): Buffer {
  return readFileSync(new URL(`./fixtures/images/${name}`, import.meta.url));
}

/** POSTs a JSON body to the generation endpoint. */
export function postGeneration(
  baseUrl: string,
  body: unknown,
  headers: Record<string, string> = {},
  init: RequestInit = {},
): Promise<Response> {
  return fetch(`${baseUrl}/v1/images/generations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...init,
  });
}

/** The image URLs of a success body. */
export function imageUrls(body: unknown): string[] {
  const choices = (body as { output: { choices: { message: { content: { image: string }[] } }[] } })
    .output.choices;
  return choices.flatMap((choice) => choice.message.content.map((item) => item.image));
}

/** Downloads a PNG and decodes it. */
export async function downloadPng(url: string): Promise<{ bytes: Buffer; png: PNG }> {
  const response = await fetch(url);
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  return { bytes, png: PNG.sync.read(bytes) };
}

/** The RGB of one pixel. */
export function pixel(png: PNG, x: number, y: number): [number, number, number] {
  const offset = (y * png.width + x) * 4;
  return [png.data[offset] ?? -1, png.data[offset + 1] ?? -1, png.data[offset + 2] ?? -1];
}

/** A PNG of the given size as a data URI. */
export function pngDataUri(width: number, height: number): string {
  const png = new PNG({ width, height });
  png.data.fill(128);
  return `data:image/png;base64,${PNG.sync.write(png).toString('base64')}`;
}

/** A text-to-image body with the given prompt and parameters. */
export function textBody(prompt: string, parameters: Record<string, unknown> = {}): unknown {
  return {
    model: 'wan2.7-image-pro',
    input: { messages: [{ role: 'user', content: [{ text: prompt }] }] },
    parameters: { size: '1K', n: 1, ...parameters },
  };
}
