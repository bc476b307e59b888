import type Redis from 'ioredis';

/**
 * Drops a client's socket (no QUIT: it works with Redis away) and waits, at most `ms`, for the
 * socket to be closed. A bare `disconnect()` returns at once with ioredis' 2 s "force destroy"
 * timer armed until the socket closes: a process that stops right after, as a test worker does,
 * then still holds a timer (jest: "a worker process has failed to exit gracefully").
 */
export async function disconnectAndWait(client: Redis | undefined | null, ms = 1000): Promise<void> {
  if (!client || client.status === 'end') return;
  const ended = new Promise<void>((resolve) => client.once('end', () => resolve()));
  client.disconnect();
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([ended, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms).unref()))]);
  clearTimeout(timer);
}
