import { getEventListeners } from 'node:events';
import { Test } from '@nestjs/testing';
import { AppConfigModule } from '../config/app-config.module';
import { validateEnv } from '../config/env.schema';
import {
  AiMessage,
  AiModelCatalog,
  AiProvider,
  AiProviderError,
  AiProviderRouter,
  AiProvidersModule,
  buildAiProviders,
  countPromptTokens,
  countTextTokens,
  MistralProvider,
  OpenAiProvider,
  StreamingAiProvider,
} from '../libs/ai-providers';
import { FakeLlm, FakeLlmRequest, startFakeLlm } from './support/fake-llm/fake-llm.server';

// The real SDK adapters against the fake LLM server, over HTTP: what the worker will see
// from a provider, failures included.

let fake: FakeLlm;
beforeAll(async () => {
  fake = await startFakeLlm();
});
afterAll(async () => {
  await fake?.close();
});

let counter = 0;
/** A user message no other test sends, so the fake's per-message attempt counters start at 0. */
function uniqueMessage(text: string, markers = ''): AiMessage[] {
  counter += 1;
  return [
    { role: 'system', content: 'Tu es un assistant pédagogique.' },
    { role: 'user', content: `${text} (#${counter}) ${markers}`.trim() },
  ];
}

async function waitFor<T>(what: string, read: () => T | undefined | false): Promise<T> {
  for (let i = 0; i < 500; i += 1) {
    const value = read();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`attendu en vain : ${what}`);
}

function requestFor(messages: AiMessage[]): FakeLlmRequest[] {
  const last = messages[messages.length - 1].content;
  return fake.requests.filter((r) => r.lastUserMessage === last);
}

async function failureOf(promise: Promise<unknown>): Promise<AiProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AiProviderError);
  return error as AiProviderError;
}

const ADAPTERS = [
  {
    label: 'OpenAiProvider (openai SDK)',
    provider: 'openai' as const,
    model: 'gpt-3.5-turbo',
    key: 'test-openai-key',
    userAgent: /OpenAI\/JS/,
    build: (timeoutMs = 10000, firstTokenTimeoutMs?: number) =>
      new OpenAiProvider({ apiKey: 'test-openai-key', baseURL: fake.openAiBaseUrl, timeoutMs, firstTokenTimeoutMs }),
  },
  {
    label: 'MistralProvider (mistralai SDK)',
    provider: 'mistral' as const,
    model: 'mistral-small',
    key: 'test-mistral-key',
    userAgent: /mistral/i,
    build: (timeoutMs = 10000, firstTokenTimeoutMs?: number) =>
      new MistralProvider({
        apiKey: 'test-mistral-key',
        serverURL: fake.mistralServerUrl,
        timeoutMs,
        firstTokenTimeoutMs,
      }),
  },
];

describe.each(ADAPTERS)('$label against the fake LLM server', ({ provider, model, key, userAgent, build }) => {
  let adapter: StreamingAiProvider;
  beforeAll(() => {
    adapter = build();
  });

  it('streams deltas that join into the final text, with the provider’s usage numbers', async () => {
    const messages = uniqueMessage('Explique le prompt engineering en deux phrases.');
    const deltas: string[] = [];
    const result = await adapter.complete({ model, messages, temperature: 0.7, maxTokens: 512 }, (d) => {
      deltas.push(d);
    });

    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe(result.text);
    expect(result.text).toContain('Explique le prompt engineering en deux phrases.');
    expect(result).toMatchObject({ model, provider, finishReason: 'stop', usageSource: 'provider' });
    expect(result.usage.promptTokens).toBe(countPromptTokens(messages));
    expect(result.usage.completionTokens).toBe(countTextTokens(result.text));
    expect(result.usage.totalTokens).toBe(result.usage.promptTokens + result.usage.completionTokens);

    const [seen] = requestFor(messages);
    expect(seen).toMatchObject({
      model,
      stream: true,
      maxTokens: 512,
      temperature: 0.7,
      authorization: `Bearer ${key}`,
      outcome: 'ok',
      finished: true,
    });
    expect(seen.userAgent).toMatch(userAgent);
    // Only the OpenAI API needs asking for usage in a stream.
    expect(seen.includeUsage).toBe(provider === 'openai');
  });

  it('gives the same answer to the same prompt (the fake is deterministic)', async () => {
    const messages: AiMessage[] = [{ role: 'user', content: `Même question pour ${provider}` }];
    const first = await adapter.complete({ model, messages, temperature: 1, maxTokens: 300 }, () => undefined);
    const second = await adapter.complete({ model, messages, temperature: 1, maxTokens: 300 }, () => undefined);
    expect(second.text).toBe(first.text);
    expect(second.usage).toEqual(first.usage);
  });

  it('respects maxTokens: the answer stops at the limit with finishReason "length"', async () => {
    const messages = uniqueMessage('Écris un long texte.', '[fake-llm:tokens=800]');
    const result = await adapter.complete({ model, messages, temperature: 0.7, maxTokens: 50 }, () => undefined);
    expect(result.finishReason).toBe('length');
    expect(result.usage.completionTokens).toBeLessThanOrEqual(50);
    expect(result.usage.completionTokens).toBeGreaterThan(40);
    expect(countTextTokens(result.text)).toBe(result.usage.completionTokens);
    expect(requestFor(messages)[0].maxTokens).toBe(50);
  });

  it('counts the usage with the tokenizer, and says so, when the provider sends none', async () => {
    const messages = uniqueMessage('Réponds sans compter.', '[fake-llm:nousage]');
    const result = await adapter.complete({ model, messages, temperature: 0.7, maxTokens: 200 }, () => undefined);
    expect(result.usageSource).toBe('tokenizer');
    expect(result.usage).toEqual({
      promptTokens: countPromptTokens(messages),
      completionTokens: countTextTokens(result.text),
      totalTokens: countPromptTokens(messages) + countTextTokens(result.text),
    });
  });

  it.each([
    ['[fake-llm:429*1]', 'rate_limited', true, 429],
    ['[fake-llm:500*1]', 'server', true, 500],
    ['[fake-llm:503*1]', 'server', true, 503],
    ['[fake-llm:garbage*1]', 'bad_response', true, undefined],
    ['[fake-llm:drop*1]', 'server', true, undefined],
  ] as const)('%s: a %s error, retryable, then the next attempt answers', async (marker, kind, retryable, status) => {
    const messages = uniqueMessage('Question', marker);
    const request = { model, messages, temperature: 0.7, maxTokens: 200 };

    const error = await failureOf(adapter.complete(request, () => undefined));
    expect(error).toMatchObject({ kind, retryable, status, provider });
    expect(error.message).toMatch(/fournisseur d’IA/);

    const retried = await adapter.complete(request, () => undefined);
    expect(retried.finishReason).toBe('stop');
    expect(requestFor(messages).map((r) => r.attempt)).toEqual([1, 2]);
  });

  it('passes on the Retry-After of a 429', async () => {
    const error = await failureOf(
      adapter.complete(
        { model, messages: uniqueMessage('Vite', '[fake-llm:429*1]'), temperature: 0.7, maxTokens: 100 },
        () => undefined,
      ),
    );
    expect(error.retryAfterMs).toBe(1000);
  });

  it('[fake-llm:400]: a final policy error, every time', async () => {
    const messages = uniqueMessage('Contenu interdit', '[fake-llm:400]');
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const error = await failureOf(
        adapter.complete({ model, messages, temperature: 0.7, maxTokens: 100 }, () => undefined),
      );
      expect(error).toMatchObject({ kind: 'policy', retryable: false, status: 400, provider });
      expect(error.providerMessage).toMatch(/politique de contenu/);
    }
  });

  it('garbage after some text: the deltas already given stay given, then the error', async () => {
    const deltas: string[] = [];
    const error = await failureOf(
      adapter.complete(
        {
          model,
          messages: uniqueMessage('Texte puis bruit', '[fake-llm:garbage*1]'),
          temperature: 0.7,
          maxTokens: 200,
        },
        (d) => {
          deltas.push(d);
        },
      ),
    );
    expect(error.kind).toBe('bad_response');
    expect(deltas.join('')).toMatch(/^Réponse simulée/);
  });

  it('a deadline (AI_TIMEOUT_MS = 300) turns a silent provider into a retryable timeout, and the request is aborted', async () => {
    const short = build(300);
    const messages = uniqueMessage('Pas de réponse', '[fake-llm:timeout*1]');
    const request = { model, messages, temperature: 0.7, maxTokens: 100 };

    const error = await failureOf(short.complete(request, () => undefined));
    expect(error).toMatchObject({ kind: 'timeout', retryable: true, provider });
    expect(error.message).toMatch(/300 ms/);
    await waitFor('le faux serveur voit le client partir', () => requestFor(messages)[0]?.aborted);

    // The next attempt (the queue's retry) answers; with the usual deadline, as a loaded machine may be slow.
    const retried = await adapter.complete(request, () => undefined);
    expect(retried.text.length).toBeGreaterThan(0);
  });

  it('the deadline also covers a stream that stalls after its first words', async () => {
    const deltas: string[] = [];
    const messages = uniqueMessage('Flux figé', '[fake-llm:stall*1]');
    const error = await failureOf(
      build(300).complete({ model, messages, temperature: 0.7, maxTokens: 200 }, (d) => {
        deltas.push(d);
      }),
    );
    expect(error).toMatchObject({ kind: 'timeout', retryable: true });
    expect(deltas.length).toBe(1);
    await waitFor('requête abandonnée', () => requestFor(messages)[0]?.aborted);
  });

  it('a provider that accepts the call and stays silent is given up at the first-word deadline, not the whole call’s', async () => {
    const messages = uniqueMessage('Silence', '[fake-llm:timeout*1]');
    const error = await failureOf(
      build(60_000, 300).complete({ model, messages, temperature: 0.7, maxTokens: 100 }, () => undefined),
    );
    expect(error).toMatchObject({ kind: 'timeout', retryable: true, provider });
    expect(error.message).toMatch(/300 ms/);
    await waitFor('le faux serveur voit le client partir', () => requestFor(messages)[0]?.aborted);
  });

  it('once the first words came, the first-word deadline no longer applies: a slow stream ends whole', async () => {
    fake.setLatency({ chunkDelayMs: 150 });
    try {
      const messages = uniqueMessage('Au compte-gouttes', '[fake-llm:tokens=60]');
      const deltas: string[] = [];
      const result = await build(60_000, 300).complete({ model, messages, temperature: 0.7, maxTokens: 200 }, (d) => {
        deltas.push(d);
      });
      expect(result.finishReason).toBe('stop');
      expect(deltas.length).toBeGreaterThan(3);
      expect(deltas.join('')).toBe(result.text);
    } finally {
      fake.setLatency({ chunkDelayMs: 0 });
    }
  });

  it('[fake-llm:slow=3000] outlasts a 300 ms deadline', async () => {
    const messages = uniqueMessage('Lent', '[fake-llm:slow=3000]');
    const error = await failureOf(
      build(300).complete({ model, messages, temperature: 0.7, maxTokens: 100 }, () => undefined),
    );
    expect(error.kind).toBe('timeout');
    await waitFor('requête abandonnée', () => requestFor(messages)[0]?.aborted);
  });

  it('the caller’s signal cancels the call: a retryable timeout saying it was interrupted', async () => {
    const caller = new AbortController();
    const messages = uniqueMessage('Annulé', '[fake-llm:slow=20000]');
    const call = adapter.complete(
      { model, messages, temperature: 0.7, maxTokens: 100, signal: caller.signal },
      () => undefined,
    );
    await waitFor('requête reçue', () => requestFor(messages)[0]);
    caller.abort();

    const error = await failureOf(call);
    expect(error).toMatchObject({ kind: 'timeout', retryable: true });
    expect(error.message).toMatch(/interrompu/);
    await waitFor('requête abandonnée', () => requestFor(messages)[0]?.aborted);
  });

  it('keeps nothing on a long-lived caller signal once calls are over (a worker’s shutdown signal)', async () => {
    const shutdown = new AbortController();
    for (let i = 0; i < 3; i += 1) {
      await adapter.complete(
        { model, messages: uniqueMessage('Signal partagé'), temperature: 0.7, maxTokens: 60, signal: shutdown.signal },
        () => undefined,
      );
    }
    await failureOf(
      adapter.complete(
        {
          model,
          messages: uniqueMessage('Signal partagé', '[fake-llm:500]'),
          temperature: 0.7,
          maxTokens: 60,
          signal: shutdown.signal,
        },
        () => undefined,
      ),
    );
    expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(0);
  });

  it('an error thrown by onDelta comes back unchanged, and the provider call is cancelled', async () => {
    fake.setLatency({ chunkDelayMs: 50 });
    try {
      const messages = uniqueMessage('Consommateur en panne', '[fake-llm:tokens=400]');
      const consumerError = new Error('Redis indisponible');
      const error = await adapter
        .complete({ model, messages, temperature: 0.7, maxTokens: 1000 }, () => {
          throw consumerError;
        })
        .catch((e: unknown) => e);
      expect(error).toBe(consumerError);
      await waitFor('requête abandonnée', () => requestFor(messages)[0]?.aborted);
    } finally {
      fake.setLatency({ chunkDelayMs: 0 });
    }
  });

  it('[fake-llm:401]: a refused key is a final policy error', async () => {
    const error = await failureOf(
      adapter.complete(
        { model, messages: uniqueMessage('Clé', '[fake-llm:401]'), temperature: 0.7, maxTokens: 100 },
        () => undefined,
      ),
    );
    expect(error).toMatchObject({ kind: 'policy', retryable: false, status: 401 });
    expect(error.message).toMatch(/clé d’API/);
  });

  it('an unreachable provider is a retryable server error', async () => {
    const gone = await startFakeLlm();
    const url = gone.url;
    await gone.close();
    const unreachable =
      provider === 'openai'
        ? new OpenAiProvider({ apiKey: key, baseURL: `${url}/v1`, timeoutMs: 5000 })
        : new MistralProvider({ apiKey: key, serverURL: url, timeoutMs: 5000 });
    const error = await failureOf(
      unreachable.complete(
        { model, messages: uniqueMessage('Personne ?'), temperature: 0.7, maxTokens: 100 },
        () => undefined,
      ),
    );
    expect(error).toMatchObject({ kind: 'server', retryable: true, provider });
  });
});

describe('AiProviderRouter built from the configuration', () => {
  it('sends each model to its provider’s SDK, as the model list says', async () => {
    const { router } = buildAiProviders({
      fake: true,
      openAiBaseUrl: fake.openAiBaseUrl,
      mistralServerUrl: fake.mistralServerUrl,
      timeoutMs: 10000,
    });
    for (const [model, userAgent] of [
      ['gpt-4', /OpenAI\/JS/],
      ['mistral-tiny', /mistral/i],
    ] as const) {
      const messages = uniqueMessage(`Routage ${model}`);
      const result = await router.complete({ model, messages, temperature: 0.7, maxTokens: 100 }, () => undefined);
      expect(result.model).toBe(model);
      const [seen] = requestFor(messages);
      expect(seen.userAgent).toMatch(userAgent);
      expect(seen.authorization).toBe('Bearer fake-llm-key');
    }
  });

  it('AI_MODELS can add a model of an OpenAI-compatible server (openai:llama3)', async () => {
    const { router, catalog } = buildAiProviders({
      fake: true,
      openAiBaseUrl: fake.openAiBaseUrl,
      mistralServerUrl: fake.mistralServerUrl,
      timeoutMs: 10000,
      models: '*,openai:llama3',
    });
    expect(catalog.find('llama3')).toMatchObject({ provider: 'openai' });
    const messages = uniqueMessage('Bonjour llama');
    const result = await router.complete(
      { model: 'llama3', messages, temperature: 0.7, maxTokens: 100 },
      () => undefined,
    );
    expect(result).toMatchObject({ model: 'llama3', provider: 'openai' });
    expect(requestFor(messages)[0].model).toBe('llama3');
  });

  it('refuses a model outside the list and a provider without configuration, as final errors, without calling anyone', async () => {
    const { router } = buildAiProviders({
      openAiApiKey: 'k',
      openAiBaseUrl: fake.openAiBaseUrl,
      fake: false,
      timeoutMs: 10000,
    });
    const before = fake.requests.length;

    const unknown = await failureOf(
      router.complete(
        { model: 'gpt-5', messages: uniqueMessage('x'), temperature: 0.7, maxTokens: 100 },
        () => undefined,
      ),
    );
    expect(unknown).toMatchObject({ kind: 'policy', retryable: false });
    expect(unknown.message).toMatch(/gpt-5/);

    const unconfigured = await failureOf(
      router.complete(
        { model: 'mistral-small', messages: uniqueMessage('x'), temperature: 0.7, maxTokens: 100 },
        () => undefined,
      ),
    );
    expect(unconfigured).toMatchObject({ kind: 'policy', retryable: false, provider: 'mistral' });
    expect(unconfigured.message).toMatch(/MISTRAL_API_KEY/);
    expect(fake.requests.length).toBe(before);
  });
});

describe('AiProvidersModule (Nest)', () => {
  it('injects AiProvider as the router over both adapters, and the catalogue, from AppConfig', async () => {
    const config = validateEnv({
      NODE_ENV: 'test',
      MONGODB_URI: 'mongodb://127.0.0.1:1/unused-test',
      JWT_SECRET: 'test',
      AI_FAKE: 'true',
      OPENAI_BASE_URL: fake.openAiBaseUrl,
      MISTRAL_SERVER_URL: fake.mistralServerUrl,
      AI_TIMEOUT_MS: '5000',
    });
    const moduleRef = await Test.createTestingModule({
      imports: [AppConfigModule.forRoot(config), AiProvidersModule],
    }).compile();
    moduleRef.useLogger(false);
    try {
      const ai = moduleRef.get(AiProvider);
      expect(ai).toBe(moduleRef.get(AiProviderRouter));
      const catalog = moduleRef.get(AiModelCatalog);
      expect(catalog.fake).toBe(true);
      expect(catalog.models.map((m) => m.name)).toEqual([
        'gpt-3.5-turbo',
        'gpt-4',
        'gpt-4-turbo',
        'mistral-tiny',
        'mistral-small',
        'mistral-medium',
      ]);
      expect(catalog.ranges.maxTokens).toEqual({ min: 50, max: 4000, default: 512 });

      const messages = uniqueMessage('Par le module');
      const result = await ai.complete(
        { model: 'mistral-medium', messages, temperature: 0.7, maxTokens: 100 },
        () => undefined,
      );
      expect(result.provider).toBe('mistral');
      expect(
        catalog.estimateCost('mistral-medium', result.usage.promptTokens, result.usage.completionTokens),
      ).toBeGreaterThan(0);
    } finally {
      await moduleRef.close();
    }
  });
});

describe('the fake LLM server itself', () => {
  const json = (res: Response): Promise<any> => res.json();
  const post = (path: string, body: unknown, headers: Record<string, string> = { authorization: 'Bearer t' }) =>
    fetch(`${fake.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('answers without streaming too, with usage and max_tokens respected', async () => {
    const messages = uniqueMessage('Sans flux', '[fake-llm:tokens=300]');
    const res = await post('/v1/chat/completions', { model: 'gpt-4', messages, max_tokens: 60 });
    expect(res.status).toBe(200);
    const body = await json(res);
    const text: string = body.choices[0].message.content;
    expect(body.object).toBe('chat.completion');
    expect(body.choices[0].finish_reason).toBe('length');
    expect(body.usage.prompt_tokens).toBe(countPromptTokens(messages));
    expect(body.usage.completion_tokens).toBe(countTextTokens(text));
    expect(body.usage.completion_tokens).toBeLessThanOrEqual(60);
    expect(requestFor(messages)[0]).toMatchObject({ stream: false, model: 'gpt-4' });
  });

  it('wants an Authorization header, like the real APIs', async () => {
    const res = await post('/v1/chat/completions', { model: 'gpt-4', messages: uniqueMessage('x') }, {});
    expect(res.status).toBe(401);
    expect((await json(res)).error.code).toBe('invalid_api_key');
  });

  it('rejects a malformed request with a 400 in the providers’ error shape', async () => {
    const res = await post('/v1/chat/completions', { model: 'gpt-4', messages: [] });
    expect(res.status).toBe(400);
    expect((await json(res)).error.type).toBe('invalid_request_error');
  });

  it('lists the seed’s models on GET /v1/models', async () => {
    const body = await json(await fetch(`${fake.url}/v1/models`));
    expect(body.data.map((m: { id: string }) => m.id)).toEqual(expect.arrayContaining(['gpt-4', 'mistral-medium']));
  });

  it('takes its latency at run time from POST /__fake/config: a latency past the deadline times the call out', async () => {
    const res = await post('/__fake/config', { latencyMs: 5000, chunkDelayMs: 0 }, {});
    expect(await json(res)).toEqual({ latencyMs: 5000, chunkDelayMs: 0 });
    try {
      const messages = uniqueMessage('Latence');
      const error = await failureOf(
        new OpenAiProvider({ apiKey: 'k', baseURL: fake.openAiBaseUrl, timeoutMs: 300 }).complete(
          { model: 'gpt-4', messages, temperature: 0.7, maxTokens: 100 },
          () => undefined,
        ),
      );
      expect(error.kind).toBe('timeout');
    } finally {
      expect(fake.setLatency({ latencyMs: 0 })).toEqual({ latencyMs: 0, chunkDelayMs: 0 });
    }
  });

  it('runs several failure markers in order, counted per message', async () => {
    const adapter = new OpenAiProvider({ apiKey: 'k', baseURL: fake.openAiBaseUrl, timeoutMs: 10000 });
    const request = {
      model: 'gpt-4',
      messages: uniqueMessage('Enchaînement', '[fake-llm:429*1] [fake-llm:500*2]'),
      temperature: 0.7,
      maxTokens: 100,
    };
    const kinds: string[] = [];
    for (let i = 0; i < 3; i += 1) kinds.push((await failureOf(adapter.complete(request, () => undefined))).kind);
    expect(kinds).toEqual(['rate_limited', 'server', 'server']);
    expect((await adapter.complete(request, () => undefined)).finishReason).toBe('stop');
  });
});
