import { Global, Logger, Module } from '@nestjs/common';
import { parseAiModels } from '../../config/ai-models';
import { AppConfig } from '../../config/env.schema';
import { AiModelCatalog } from './ai-model.catalog';
import { AiProvider } from './ai-provider';
import { AiProviderAdapters, AiProviderRouter } from './ai-provider.router';
import { MistralProvider } from './mistral.provider';
import { OpenAiProvider } from './openai.provider';

/** The part of the configuration the AI providers read. */
export interface AiProvidersSettings {
  openAiApiKey?: string;
  openAiBaseUrl?: string;
  mistralApiKey?: string;
  mistralServerUrl?: string;
  /** AI_FAKE: both base URLs point at the fake LLM server, which wants no real key. */
  fake: boolean;
  timeoutMs: number;
  firstTokenTimeoutMs?: number;
  /** AI_MODELS, see `parseAiModels`. */
  models?: string;
}

export class AiProvidersConfigError extends Error {}

export function aiProvidersSettingsFrom(config: AppConfig, env: NodeJS.ProcessEnv = process.env): AiProvidersSettings {
  // AI_MODELS from AppConfig when env.schema declares it, else straight from the environment.
  const models = (config as AppConfig & { AI_MODELS?: string }).AI_MODELS ?? env.AI_MODELS;
  return {
    openAiApiKey: config.OPENAI_API_KEY,
    openAiBaseUrl: config.OPENAI_BASE_URL,
    mistralApiKey: config.MISTRAL_API_KEY,
    mistralServerUrl: config.MISTRAL_SERVER_URL,
    fake: config.AI_FAKE,
    timeoutMs: config.AI_TIMEOUT_MS,
    firstTokenTimeoutMs: config.AI_FIRST_TOKEN_TIMEOUT_MS,
    models,
  };
}

// SDKs refuse an empty key; local OpenAI-compatible servers (Ollama...) and the fake ignore it.
const NO_KEY_NEEDED = 'no-key-needed';
const FAKE_KEY = 'fake-llm-key';

/**
 * Builds the catalogue and one adapter per usable provider: OpenAI with a key, or with
 * OPENAI_BASE_URL alone (a keyless compatible server); Mistral with a key; both with
 * AI_FAKE, which then requires both URLs so no call can leave for a real provider.
 */
export function buildAiProviders(settings: AiProvidersSettings): { catalog: AiModelCatalog; router: AiProviderRouter } {
  if (settings.fake && (!settings.openAiBaseUrl || !settings.mistralServerUrl)) {
    throw new AiProvidersConfigError(
      'AI_FAKE=true demande OPENAI_BASE_URL (<url du faux serveur>/v1) et MISTRAL_SERVER_URL (<url du faux serveur>)',
    );
  }
  const catalog = new AiModelCatalog(parseAiModels(settings.models), settings.fake);
  const adapters: AiProviderAdapters = {};
  const openAiKey =
    settings.openAiApiKey ?? (settings.fake ? FAKE_KEY : settings.openAiBaseUrl ? NO_KEY_NEEDED : undefined);
  if (openAiKey) {
    adapters.openai = new OpenAiProvider({
      apiKey: openAiKey,
      baseURL: settings.openAiBaseUrl,
      timeoutMs: settings.timeoutMs,
      firstTokenTimeoutMs: settings.firstTokenTimeoutMs,
    });
  }
  const mistralKey = settings.mistralApiKey ?? (settings.fake ? FAKE_KEY : undefined);
  if (mistralKey) {
    adapters.mistral = new MistralProvider({
      apiKey: mistralKey,
      serverURL: settings.mistralServerUrl,
      timeoutMs: settings.timeoutMs,
      firstTokenTimeoutMs: settings.firstTokenTimeoutMs,
    });
  }
  return { catalog, router: new AiProviderRouter(catalog, adapters) };
}

type BuiltAiProviders = ReturnType<typeof buildAiProviders>;
const BUILT = Symbol('BuiltAiProviders');

/**
 * Global: `AiProvider` (the router over the OpenAI and Mistral adapters), the router itself
 * (availability per model) and the `AiModelCatalog`. Needs `AppConfig` (AppConfigModule).
 * A bad AI_MODELS or AI_FAKE setting stops the start with a message naming it.
 */
@Global()
@Module({
  providers: [
    {
      provide: BUILT,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const settings = aiProvidersSettingsFrom(config);
        const built = buildAiProviders(settings);
        const logger = new Logger('AiProviders');
        if (settings.fake) {
          logger.warn(
            `AI_FAKE : les réponses viennent du faux serveur LLM (${settings.openAiBaseUrl}), pas d’un vrai fournisseur`,
          );
        } else if (built.router.configuredProviders().length === 0) {
          logger.warn(
            'aucun fournisseur d’IA configuré (OPENAI_API_KEY, OPENAI_BASE_URL, MISTRAL_API_KEY) : tout appel échouera',
          );
        }
        return built;
      },
    },
    { provide: AiModelCatalog, inject: [BUILT], useFactory: (built: BuiltAiProviders) => built.catalog },
    { provide: AiProviderRouter, inject: [BUILT], useFactory: (built: BuiltAiProviders) => built.router },
    { provide: AiProvider, useExisting: AiProviderRouter },
  ],
  exports: [AiModelCatalog, AiProviderRouter, AiProvider],
})
export class AiProvidersModule {}
