/** Reference images from files: checked for type and size before being read as data URIs. */
import { DATA_URI_IMAGE_TYPES } from '@tokenhub/image-core';

/** The largest file accepted (TokenHub takes data URIs up to 20 MB). */
export const MAX_IMAGE_FILE_BYTES = 20 * 1024 * 1024;

const acceptedTypes = DATA_URI_IMAGE_TYPES.map((type) => `image/${type}`);

/** The `accept` attribute of the file picker. */
export const IMAGE_FILE_ACCEPT = acceptedTypes.join(',');

/** Why a file cannot be used (type or size), or undefined when it can. Pure. */
export function imageFileProblem(file: {
  name: string;
  type: string;
  size: number;
}): string | undefined {
  if (!acceptedTypes.includes(file.type.toLowerCase())) {
    const type = file.type || 'an unknown type';
    return `${file.name} is ${type}; use a JPEG, PNG, BMP or WebP image.`;
  }
  if (file.size > MAX_IMAGE_FILE_BYTES) {
    const mb = (file.size / 1024 / 1024).toFixed(1);
    return `${file.name} is ${mb} MB; the limit is 20 MB. Use a smaller image or link it by URL.`;
  }
  return undefined;
}

/** Reads a blob as a `data:` URI. */
export function readAsDataURI(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('could not read the file'));
    reader.readAsDataURL(blob);
  });
}

/**
 * A URL typed into the form, as the request should carry it: same-origin images (such as the
 * samples) become data URIs, because a gateway cannot fetch this page's origin; others stay URLs.
 */
export async function imageSourceFromURL(url: string, base: string): Promise<string> {
  const trimmed = url.trim();
  // Anything that is neither a path on this origin nor this origin's URL is sent as typed; the
  // core's validation names the problem if it is not an http(s) URL or a data URI.
  if (!trimmed.startsWith('/') && !trimmed.startsWith(new URL(base).origin)) return trimmed;
  const parsed = new URL(trimmed, base);
  const response = await fetch(parsed.href);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  const blob = await response.blob();
  const problem = imageFileProblem({ name: url, type: blob.type, size: blob.size });
  if (problem) throw new Error(problem);
  return readAsDataURI(blob);
}
