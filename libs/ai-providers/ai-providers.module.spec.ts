import { validateEnv } from '../../config/env.schema';
import { AiProvidersConfigError, aiProvidersSettingsFrom, buildAiProviders } from './ai-providers.module';

const base = { fake: false, timeoutMs: 1000 };

describe('buildAiProviders', () => {
  it('builds no adapter without keys or URLs: every model is unavailable', () => {
    const { router } = buildAiProviders(base);
    expect(router.configuredProviders()).toEqual([]);
    expect(router.isAvailable('gpt-4')).toBe(false);
  });

  it('builds an adapter per provider with a key', () => {
    const { router } = buildAiProviders({ ...base, openAiApiKey: 'sk', mistralApiKey: 'mk' });
    expect(router.configuredProviders()).toEqual(['openai', 'mistral']);
    expect(router.isAvailable('gpt-4')).toBe(true);
    expect(router.isAvailable('mistral-tiny')).toBe(true);
    expect(router.isAvailable('gpt-5')).toBe(false);
  });

  it('accepts OPENAI_BASE_URL without a key (Ollama, vLLM need none)', () => {
    const { router } = buildAiProviders({
      ...base,
      openAiBaseUrl: 'http://127.0.0.1:11434/v1',
      models: 'openai:llama3',
    });
    expect(router.configuredProviders()).toEqual(['openai']);
    expect(router.isAvailable('llama3')).toBe(true);
  });

  it('with AI_FAKE, builds both adapters, flags the catalogue, and requires both URLs', () => {
    const built = buildAiProviders({
      ...base,
      fake: true,
      openAiBaseUrl: 'http://127.0.0.1:9/v1',
      mistralServerUrl: 'http://127.0.0.1:9',
    });
    expect(built.router.configuredProviders()).toEqual(['openai', 'mistral']);
    expect(built.catalog.fake).toBe(true);
    expect(() => buildAiProviders({ ...base, fake: true, openAiBaseUrl: 'http://127.0.0.1:9/v1' })).toThrow(
      AiProvidersConfigError,
    );
    expect(() => buildAiProviders({ ...base, fake: true })).toThrow(/MISTRAL_SERVER_URL/);
  });

  it('stops on a bad AI_MODELS', () => {
    expect(() => buildAiProviders({ ...base, models: 'llama3' })).toThrow(/AI_MODELS/);
  });

  it('prices with the configured list: a model added by AI_MODELS costs 0, an unknown one throws', () => {
    const { catalog } = buildAiProviders({ ...base, models: 'gpt-4,openai:llama3' });
    expect(catalog.estimateCost('gpt-4', 1000, 0)).toBe(3);
    expect(catalog.estimateCost('llama3', 1000, 1000)).toBe(0);
    expect(() => catalog.estimateCost('mistral-small', 1, 1)).toThrow(/mistral-small/);
    expect(catalog.has('gpt-4')).toBe(true);
    expect(catalog.find('gpt-4-turbo')).toBeUndefined();
  });
});

describe('aiProvidersSettingsFrom', () => {
  const config = validateEnv({
    NODE_ENV: 'test',
    MONGODB_URI: 'mongodb://127.0.0.1:27017/app',
    JWT_SECRET: 'x',
    OPENAI_API_KEY: 'sk-test',
    MISTRAL_SERVER_URL: 'http://mistral.local',
    AI_TIMEOUT_MS: '1500',
  });

  it('maps the app configuration and reads AI_MODELS from the environment', () => {
    expect(aiProvidersSettingsFrom(config, { AI_MODELS: 'gpt-4' })).toEqual({
      openAiApiKey: 'sk-test',
      openAiBaseUrl: undefined,
      mistralApiKey: undefined,
      mistralServerUrl: 'http://mistral.local',
      fake: false,
      timeoutMs: 1500,
      firstTokenTimeoutMs: 20000,
      models: 'gpt-4',
    });
  });
});
