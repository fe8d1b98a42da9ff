/** Whether a reference image loads in this browser, found out once when it is added. */
import { type ReferenceImage, referenceImage } from '../form/form-state';

/** How long an image may take to load before it counts as not loading. */
export const IMAGE_LOAD_TIMEOUT_MS = 20_000;

/** The outcome of loading a reference image in this browser. */
export type ImageLoad =
  | { state: 'loaded'; width: number; height: number }
  /** `kept`: the person chose to send it anyway (boxes cannot be drawn on it). */
  | { state: 'failed'; kept: boolean };

/** Loads `src` in an `<img>` off screen: its natural size, or `failed` on an error or timeout. */
export function loadImage(src: string, timeoutMs = IMAGE_LOAD_TIMEOUT_MS): Promise<ImageLoad> {
  return new Promise((resolve) => {
    const image = new Image();
    const settle = (load: ImageLoad) => {
      clearTimeout(timer);
      image.onload = null;
      image.onerror = null;
      resolve(load);
    };
    const timer = setTimeout(() => {
      image.src = '';
      settle({ state: 'failed', kept: false });
    }, timeoutMs);
    image.onload = () =>
      image.naturalWidth > 0
        ? settle({ state: 'loaded', width: image.naturalWidth, height: image.naturalHeight })
        : settle({ state: 'failed', kept: false });
    image.onerror = () => settle({ state: 'failed', kept: false });
    image.src = src;
  });
}

/** A reference image for `src`, once this browser has tried to load it. */
export async function loadReferenceImage(name: string, src: string): Promise<ReferenceImage> {
  return referenceImage(name, src, await loadImage(src));
}
