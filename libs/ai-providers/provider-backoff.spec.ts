import { AiProviderError } from './ai-provider.errors';
import { ProviderBackoff } from './provider-backoff';

const tooMany = (retryAfterMs?: number) => AiProviderError.fromStatus(429, { provider: 'openai', retryAfterMs });

/**
 * A fake provider: each call is recorded when it starts; the test answers it later (`ok`) or
 * refuses it (`limit`), so who went when is under the test's control.
 */
function provider() {
  const started: string[] = [];
  const pending = new Map<string, { resolve: (v: string) => void; reject: (e: unknown) => void }[]>();
  const call = (name: string) => () =>
    new Promise<string>((resolve, reject) => {
      started.push(name);
      pending.set(name, [...(pending.get(name) ?? []), { resolve, reject }]);
    });
  const settle = (name: string) => {
    const list = pending.get(name) ?? [];
    const next = list.shift();
    if (!next) throw new Error(`${name} n’est pas en cours`);
    return next;
  };
  return {
    started,
    call,
    ok: (name: string) => settle(name).resolve(name),
    limit: (name: string, retryAfterMs?: number) => settle(name).reject(tooMany(retryAfterMs)),
  };
}

describe('ProviderBackoff', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());
  const tick = (ms = 0) => jest.advanceTimersByTimeAsync(ms);

  it('lets calls through at once while the provider does not refuse', async () => {
    const p = provider();
    const line = new ProviderBackoff('openai');
    const a = line.run(p.call('a'));
    const b = line.run(p.call('b'));
    await tick();
    expect(p.started).toEqual(['a', 'b']);
    p.ok('a');
    p.ok('b');
    await expect(Promise.all([a, b])).resolves.toEqual(['a', 'b']);
  });

  it('after a 429, waits the Retry-After, sends the refused call alone, then the others in the order they came', async () => {
    const p = provider();
    const line = new ProviderBackoff('openai');
    const results: string[] = [];
    const run = (name: string) => line.run(p.call(name)).then((r) => results.push(r));
    const a = run('a');
    await tick();
    p.limit('a', 2000);
    await tick();
    // Later calls queue behind the refused one, whatever their arrival time.
    const others = ['b', 'c', 'd'].map(run);
    await tick(1999);
    expect(p.started).toEqual(['a']);
    expect(line.waitingCount).toBe(4);

    await tick(1);
    expect(p.started).toEqual(['a', 'a']); // the probe: the first in line, alone
    const e = run('e'); // comes while the probe runs: after d
    await tick();
    expect(p.started).toEqual(['a', 'a']);
    p.ok('a');
    await tick();
    expect(p.started).toEqual(['a', 'a', 'b', 'c', 'd', 'e']);
    for (const name of ['b', 'c', 'd', 'e']) p.ok(name);
    await Promise.all([a, ...others, e]);
    expect(results).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('a probe refused again keeps its place: nobody overtakes it, and the wait doubles without Retry-After', async () => {
    const p = provider();
    const line = new ProviderBackoff('openai', { baseDelayMs: 1000, maxDelayMs: 30_000, maxRetries: 5 });
    const a = line.run(p.call('a'));
    await tick();
    p.limit('a');
    await tick();
    const b = line.run(p.call('b'));
    await tick(1000);
    expect(p.started).toEqual(['a', 'a']);
    p.limit('a'); // second 429 in a row: 2 s
    await tick(1999);
    expect(p.started).toEqual(['a', 'a']);
    await tick(1);
    expect(p.started).toEqual(['a', 'a', 'a']);
    p.ok('a');
    await tick();
    expect(p.started).toEqual(['a', 'a', 'a', 'b']);
    p.ok('b');
    await expect(Promise.all([a, b])).resolves.toEqual(['a', 'b']);
  });

  it('calls already sent that get 429 go back in line in the order they first came', async () => {
    const p = provider();
    const line = new ProviderBackoff('openai');
    const runs = ['a', 'b', 'c'].map((n) => line.run(p.call(n)));
    await tick();
    expect(p.started).toEqual(['a', 'b', 'c']);
    p.limit('c', 500);
    p.limit('a', 500);
    p.limit('b', 500);
    await tick();
    const late = line.run(p.call('z'));
    await tick(500);
    // The first in line (a) probes; once it is answered, b, c, then z (came last).
    expect(p.started.slice(3)).toEqual(['a']);
    p.ok('a');
    await tick();
    expect(p.started.slice(3)).toEqual(['a', 'b', 'c', 'z']);
    for (const n of ['b', 'c', 'z']) p.ok(n);
    await expect(Promise.all([...runs, late])).resolves.toEqual(['a', 'b', 'c', 'z']);
  });

  it('gives the 429 to the caller after maxRetries, and the line goes on for the others', async () => {
    const p = provider();
    const line = new ProviderBackoff('openai', { baseDelayMs: 100, maxDelayMs: 100, maxRetries: 1 });
    const a = line.run(p.call('a'));
    const failed = a.catch((e: unknown) => e);
    await tick();
    p.limit('a');
    await tick();
    const b = line.run(p.call('b'));
    await tick(100);
    p.limit('a');
    expect(await failed).toMatchObject({ kind: 'rate_limited' });
    await tick(100);
    expect(p.started).toEqual(['a', 'a', 'b']);
    p.ok('b');
    await expect(b).resolves.toBe('b');
  });

  it('does not replay a call that already streamed text, and a cancelled caller leaves the line', async () => {
    const p = provider();
    const line = new ProviderBackoff('openai');
    const a = line.run(p.call('a'), undefined, () => false).catch((e: unknown) => e);
    await tick();
    p.limit('a', 1000);
    expect(await a).toMatchObject({ kind: 'rate_limited' });

    const cancel = new AbortController();
    const b = line.run(p.call('b'), cancel.signal).catch((e: unknown) => e);
    const c = line.run(p.call('c'));
    await tick();
    cancel.abort();
    expect(await b).toMatchObject({ kind: 'timeout', provider: 'openai' });
    await tick(1000);
    expect(p.started).toEqual(['a', 'c']);
    p.ok('c');
    await expect(c).resolves.toBe('c');
  });

  it('other errors do not close the line', async () => {
    const p = provider();
    const line = new ProviderBackoff('openai');
    const a = line.run(() => Promise.reject(AiProviderError.fromStatus(500, { provider: 'openai' })));
    await expect(a).rejects.toMatchObject({ kind: 'server' });
    const b = line.run(p.call('b'));
    await tick();
    expect(p.started).toEqual(['b']);
    p.ok('b');
    await expect(b).resolves.toBe('b');
  });
});
