import type { AiProviderName } from '../../config/ai-models';
import { AiModelCatalog } from './ai-model.catalog';
import { AiCompletion, AiCompletionRequest, AiDeltaHandler, AiProvider } from './ai-provider';
import { AiProviderError } from './ai-provider.errors';
import { ProviderBackoff } from './provider-backoff';

/** The adapter of each provider, absent when that provider is not configured. */
export type AiProviderAdapters = Partial<Record<AiProviderName, AiProvider>>;

// Named in the error a student's call gets when the provider has no adapter.
const SETTING_OF: Record<AiProviderName, string> = { openai: 'OPENAI_API_KEY', mistral: 'MISTRAL_API_KEY' };

/**
 * The `AiProvider` the application injects: sends each request to the adapter of its
 * model's provider, as the catalogue says. Unknown models and unconfigured providers are
 * final `policy` errors, so no job retries them.
 */
export class AiProviderRouter extends AiProvider {
  /** Per provider: after a 429, its calls wait in line (provider-backoff.ts). */
  private readonly backoffs: Partial<Record<AiProviderName, ProviderBackoff>> = {};

  constructor(
    private readonly catalog: AiModelCatalog,
    private readonly adapters: AiProviderAdapters,
  ) {
    super();
  }

  complete(request: AiCompletionRequest, onDelta: AiDeltaHandler): Promise<AiCompletion> {
    let provider: AiProviderName;
    let adapter: AiProvider;
    try {
      [provider, adapter] = this.adapterFor(request.model);
    } catch (error) {
      return Promise.reject(error);
    }
    const line = (this.backoffs[provider] ??= new ProviderBackoff(provider));
    // A 429 comes before any text; should one come after, the call is not replayed (its text was given).
    let streamed = false;
    return line.run(
      () =>
        adapter.complete(request, (text) => {
          streamed = true;
          return onDelta(text);
        }),
      request.signal,
      () => !streamed,
    );
  }

  /** Whether a call with this model can reach a provider (listed, and its provider configured). */
  isAvailable(modelName: string): boolean {
    const model = this.catalog.find(modelName);
    return model !== undefined && this.adapters[model.provider] !== undefined;
  }

  configuredProviders(): AiProviderName[] {
    return (Object.keys(this.adapters) as AiProviderName[]).filter((p) => this.adapters[p] !== undefined);
  }

  private adapterFor(modelName: string): [AiProviderName, AiProvider] {
    const model = this.catalog.find(modelName);
    if (!model) throw AiProviderError.unknownModel(modelName);
    const adapter = this.adapters[model.provider];
    if (!adapter) throw AiProviderError.notConfigured(model.provider, SETTING_OF[model.provider]);
    return [model.provider, adapter];
  }
}
