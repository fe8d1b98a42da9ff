/** One status line on a terminal (elapsed time, bytes saved), nothing at all when not a TTY. */

/** A status line redrawn in place. */
export interface StatusLine {
  /** Starts redrawing `render()` every 250 ms (no-op when disabled). */
  start(render: () => string): void;
  /** Clears the line and stops redrawing. */
  stop(): void;
}

/** Bytes as `1.2 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** Seconds since `since` as `12s`. */
export function elapsed(since: number): string {
  return `${Math.floor((Date.now() - since) / 1000)}s`;
}

/** A status line on `stream` when it is a TTY, otherwise a silent one. */
export function createStatusLine(stream: NodeJS.WriteStream): StatusLine {
  if (!stream.isTTY) return { start: () => undefined, stop: () => undefined };
  let timer: NodeJS.Timeout | undefined;
  const clear = () => stream.write('\r\x1b[2K');
  return {
    start(render) {
      if (timer) clearInterval(timer);
      const draw = () => {
        clear();
        stream.write(render());
      };
      draw();
      timer = setInterval(draw, 250);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      clear();
    },
  };
}
