export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `probe` every 100 ms until it returns something truthy; fails naming `what` after `timeoutMs`. */
export async function until<T>(
  probe: () => Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 120_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`attente dépassée : ${what}`);
    await sleep(100);
  }
}
