// The one place that says how tests and benchmarks launch Chromium: Debian's binary (playwright
// must never download a browser here) with flags that keep it off the network.

/** Path of the Chromium binary: `CHROMIUM_PATH`, default Debian's `/usr/bin/chromium`. */
export const chromiumExecutablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Launch flags: headless, no sandbox (CI runs as root), no background traffic, loopback only. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];

/** Playwright `launchOptions` for the above. */
export const chromiumLaunchOptions = { executablePath: chromiumExecutablePath, args: chromiumArgs };
