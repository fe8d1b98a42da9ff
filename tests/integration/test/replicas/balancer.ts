/**
 * A round-robin TCP balancer on loopback, as in front of proxy replicas: each new connection goes
 * to the next backend; a backend that refuses the connection is skipped.
 */

import type { AddressInfo } from 'node:net';
import { createConnection, createServer, type Server, type Socket } from 'node:net';

/** A listening balancer. */
export interface Balancer {
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  /** How many connections each backend (by port) took. */
  connections: Map<number, number>;
  /** The backend port of every connection, in order. */
  history: number[];
  close(): Promise<void>;
}

/** Starts a balancer in front of `ports`. */
export async function startBalancer(ports: number[]): Promise<Balancer> {
  let next = 0;
  const connections = new Map<number, number>();
  const history: number[] = [];
  const sockets = new Set<Socket>();
  const connect = (client: Socket, tries: number) => {
    const port = ports[next++ % ports.length] as number;
    const upstream = createConnection({ port, host: '127.0.0.1' });
    sockets.add(upstream);
    let connected = false;
    upstream.once('connect', () => {
      connected = true;
      connections.set(port, (connections.get(port) ?? 0) + 1);
      history.push(port);
      client.pipe(upstream).pipe(client);
      client.resume();
    });
    upstream.once('error', () => {
      if (!connected && tries + 1 < ports.length && !client.destroyed) {
        connect(client, tries + 1);
      } else {
        client.destroy();
      }
    });
    upstream.once('close', () => {
      if (connected) client.destroy();
    });
    client.once('close', () => upstream.destroy());
  };
  const server: Server = createServer({ pauseOnConnect: true }, (client) => {
    sockets.add(client);
    client.on('error', () => undefined);
    connect(client, 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections,
    history,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
