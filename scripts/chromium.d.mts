/** Path of the Chromium binary: `CHROMIUM_PATH`, default Debian's `/usr/bin/chromium`. */
export declare const chromiumExecutablePath: string;
/** Launch flags: headless, no sandbox (CI runs as root), no background traffic, loopback only. */
export declare const chromiumArgs: string[];
/** Playwright `launchOptions` for the above. */
export declare const chromiumLaunchOptions: { executablePath: string; args: string[] };
