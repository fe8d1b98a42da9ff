/** A loopback port that was free a moment ago (the OS picks it; the probe closes at once). */
export declare function freePort(): Promise<number>;
