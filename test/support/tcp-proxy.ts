import net from 'node:net';

/**
 * A TCP pass-through to a real server that a test can cut: `cut()` closes every connection
 * and refuses new ones, the way a dependency that dies looks from the app; `hang()` keeps
 * every connection open but passes nothing any more, the way a dependency that stops
 * answering looks (its connections are dropped on `restore()`).
 */
export async function startTcpProxy(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  const pairs = new Set<[net.Socket, net.Socket]>();
  let mode: 'open' | 'cut' | 'hang' = 'open';
  const destroyAll = () => {
    for (const s of sockets) s.destroy();
    sockets.clear();
    pairs.clear();
  };
  const server = net.createServer((client) => {
    if (mode === 'cut') return client.destroy();
    sockets.add(client);
    client.on('error', () => client.destroy());
    if (mode === 'hang') {
      // Accepted, never answered.
      client.pause();
      return;
    }
    const upstream = net.connect(target);
    sockets.add(upstream);
    const pair: [net.Socket, net.Socket] = [client, upstream];
    pairs.add(pair);
    client.pipe(upstream).pipe(client);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
      pairs.delete(pair);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    url: (scheme: string) => `${scheme}://127.0.0.1:${port}`,
    cut() {
      mode = 'cut';
      destroyAll();
    },
    hang() {
      mode = 'hang';
      for (const [client, upstream] of pairs) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        client.pause();
        upstream.pause();
      }
    },
    restore() {
      // Connections that hung have lost bytes halfway: dropped, the app reconnects.
      if (mode === 'hang') destroyAll();
      mode = 'open';
    },
    close: () =>
      new Promise<void>((resolve) => {
        mode = 'cut';
        destroyAll();
        server.close(() => resolve());
      }),
  };
}
