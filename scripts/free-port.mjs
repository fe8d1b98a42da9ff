// A loopback port for a test server, shared by the test suites that start servers in other
// processes (the Next app, the other runtimes).
import { createServer } from 'node:net';

/** A loopback port that was free a moment ago (the OS picks it; the probe closes at once). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}
