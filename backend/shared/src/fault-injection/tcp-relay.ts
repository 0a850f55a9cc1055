import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP relay in front of a server (a database, Redis, an identity provider) that a test or the load
 * run's fault schedule cuts and restores: while cut, open connections are dropped and new ones
 * refused, as when the server goes away.
 */
export interface TcpRelay {
  readonly port: number;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
  /** Connections from now on go to `target` (one whose port is known only once it runs). */
  retarget(target: RelayTarget): void;
}

export interface RelayTarget {
  readonly host: string;
  readonly port: number;
}

export async function startTcpRelay(initialTarget: RelayTarget): Promise<TcpRelay> {
  let target = initialTarget;
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  const server = createServer((client) => {
    const upstream = connect(target);
    track(client);
    track(upstream);
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await listen(server, 0);
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the relay has no TCP address');
  const { port } = address;

  const cut = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await closed;
  };
  return {
    port,
    cut,
    restore: () => listen(server, port),
    close: () => (server.listening ? cut() : Promise.resolve()),
    retarget: (next) => {
      target = next;
    },
  };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}
