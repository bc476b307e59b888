import type { AiProviderName } from '../../config/ai-models';
import { AiModelCatalog } from './ai-model.catalog';
import { AiCompletion, AiCompletionRequest, AiDeltaHandler, AiProvider } from './ai-provider';
import { AiProviderError } from './ai-provider.errors';

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
  constructor(
    private readonly catalog: AiModelCatalog,
    private readonly adapters: AiProviderAdapters,
  ) {
    super();
  }

  complete(request: AiCompletionRequest, onDelta: AiDeltaHandler): Promise<AiCompletion> {
    try {
      return this.adapterFor(request.model).complete(request, onDelta);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Whether a call with this model can reach a provider (listed, and its provider configured). */
  isAvailable(modelName: string): boolean {
    const model = this.catalog.find(modelName);
    return model !== undefined && this.adapters[model.provider] !== undefined;
  }

  configuredProviders(): AiProviderName[] {
    return (Object.keys(this.adapters) as AiProviderName[]).filter((p) => this.adapters[p] !== undefined);
  }

  private adapterFor(modelName: string): AiProvider {
    const model = this.catalog.find(modelName);
    if (!model) throw AiProviderError.unknownModel(modelName);
    const adapter = this.adapters[model.provider];
    if (!adapter) throw AiProviderError.notConfigured(model.provider, SETTING_OF[model.provider]);
    return adapter;
  }
}
