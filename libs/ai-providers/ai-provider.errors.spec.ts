import { AiProviderError, retryAfterMsFrom } from './ai-provider.errors';

describe('AiProviderError.fromStatus', () => {
  it.each([
    [429, 'rate_limited', true],
    [500, 'server', true],
    [502, 'server', true],
    [503, 'server', true],
    [408, 'timeout', true],
    [400, 'policy', false],
    [401, 'policy', false],
    [403, 'policy', false],
    [404, 'policy', false],
    [422, 'policy', false],
  ] as const)('%i → %s, retryable %s', (status, kind, retryable) => {
    const error = AiProviderError.fromStatus(status, { provider: 'openai', providerMessage: 'raw' });
    expect(error).toMatchObject({
      kind,
      retryable,
      status,
      provider: 'openai',
      providerMessage: 'raw',
      name: 'AiProviderError',
    });
    expect(error).toBeInstanceOf(Error);
    // French, and without the provider's own words.
    expect(error.message).toMatch(/fournisseur d’IA/);
    expect(error.message).not.toContain('raw');
  });

  it('keeps the cause for the logs', () => {
    const cause = new Error('socket hang up');
    expect(AiProviderError.unreachable({ provider: 'mistral', cause }).cause).toBe(cause);
  });

  it('says which setting is missing when a provider is not configured, as a final error', () => {
    expect(AiProviderError.notConfigured('mistral', 'MISTRAL_API_KEY')).toMatchObject({
      kind: 'policy',
      retryable: false,
      message: expect.stringMatching(/MISTRAL_API_KEY/),
    });
  });
});

describe('retryAfterMsFrom', () => {
  const headers = (values: Record<string, string>) => new Headers(values);

  it('reads retry-after-ms first, then retry-after in seconds or as a date', () => {
    expect(retryAfterMsFrom(headers({ 'retry-after-ms': '250', 'retry-after': '9' }))).toBe(250);
    expect(retryAfterMsFrom(headers({ 'retry-after': '2' }))).toBe(2000);
    const inOneMinute = new Date(Date.now() + 60_000).toUTCString();
    expect(retryAfterMsFrom(headers({ 'retry-after': inOneMinute }))).toBeGreaterThan(50_000);
  });

  it('is undefined without a usable header', () => {
    expect(retryAfterMsFrom(undefined)).toBeUndefined();
    expect(retryAfterMsFrom(headers({}))).toBeUndefined();
    expect(retryAfterMsFrom(headers({ 'retry-after': 'bientôt' }))).toBeUndefined();
  });
});
