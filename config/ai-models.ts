/**
 * The AI models students may pick (docs/data-model.md §4.5), the parameter ranges of a conversation
 * (docs/data-model.md §4.6) and the price table behind `statistiquesIA.coutEstime`.
 *
 * Pure data and pure functions: no Nest, no env reads, so the API, the worker and the
 * tests share one definition. `AI_MODELS` (see `parseAiModels`) restricts or extends the
 * list per deployment.
 */

export const AI_PROVIDER_NAMES = ['openai', 'mistral'] as const;
export type AiProviderName = (typeof AI_PROVIDER_NAMES)[number];

/** Price in US dollars per 1 000 tokens. */
export interface AiModelPrice {
  promptUsdPer1K: number;
  completionUsdPer1K: number;
}

export interface AiModel {
  /** The name sent to the provider's API and stored in `modelName` / `modelUsed`. */
  name: string;
  provider: AiProviderName;
  description: string;
  price: AiModelPrice;
}

/** docs/data-model.md §4.6: what a student may choose, and what a new conversation starts with. */
export const AI_PARAMETER_RANGES = {
  temperature: { min: 0.1, max: 2.0, default: 0.7 },
  maxTokens: { min: 50, max: 4000, default: 512 },
} as const;

/**
 * `coutEstime` is in credits (docs/data-model.md §4.4): 1 credit = 1 US cent. An estimate, never an
 * invoice: the table holds the providers' public list prices per 1K tokens as last
 * published for these model names (OpenAI: gpt-3.5-turbo-0125, gpt-4, gpt-4-turbo;
 * Mistral: open-mistral-7b for "tiny", the February 2024 small and medium prices).
 */
export const CREDITS_PER_USD = 100;

const FREE: AiModelPrice = { promptUsdPer1K: 0, completionUsdPer1K: 0 };

export const DEFAULT_AI_MODELS: readonly Readonly<AiModel>[] = deepFreeze([
  {
    name: 'gpt-3.5-turbo',
    provider: 'openai',
    description: 'Modèle rapide et économique',
    price: { promptUsdPer1K: 0.0005, completionUsdPer1K: 0.0015 },
  },
  {
    name: 'gpt-4',
    provider: 'openai',
    description: 'Modèle avancé',
    price: { promptUsdPer1K: 0.03, completionUsdPer1K: 0.06 },
  },
  {
    name: 'gpt-4-turbo',
    provider: 'openai',
    description: 'Modèle optimisé',
    price: { promptUsdPer1K: 0.01, completionUsdPer1K: 0.03 },
  },
  {
    name: 'mistral-tiny',
    provider: 'mistral',
    description: 'Modèle léger',
    price: { promptUsdPer1K: 0.00025, completionUsdPer1K: 0.00025 },
  },
  {
    name: 'mistral-small',
    provider: 'mistral',
    description: 'Modèle équilibré',
    price: { promptUsdPer1K: 0.002, completionUsdPer1K: 0.006 },
  },
  {
    name: 'mistral-medium',
    provider: 'mistral',
    description: 'Modèle avancé',
    price: { promptUsdPer1K: 0.0027, completionUsdPer1K: 0.0081 },
  },
] satisfies AiModel[]);

function deepFreeze<T extends AiModel[]>(models: T): T {
  for (const model of models) Object.freeze(Object.freeze(model).price);
  return Object.freeze(models);
}

// Callers get their own objects: the defaults stay as published.
const copyOf = (model: AiModel): AiModel => ({ ...model, price: { ...model.price } });

export class AiModelsConfigError extends Error {
  constructor(reason: string) {
    super(`variable d'environnement AI_MODELS invalide (${reason})`);
    this.name = 'AiModelsConfigError';
  }
}

// Ollama names carry a tag after a colon ("llama3:8b"), hence ':' in the allowed set.
const MODEL_NAME = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$/;

function isProviderName(value: string): value is AiProviderName {
  return (AI_PROVIDER_NAMES as readonly string[]).includes(value);
}

/**
 * Reads `AI_MODELS`, a comma-separated list:
 * - absent or blank: the seed's six models;
 * - `gpt-4,mistral-small`: only those (restrict);
 * - `*` stands for every default model, so `*,openai:llama3` extends the list;
 * - a name the table does not know needs its provider as a prefix (`openai:llama3`, sent
 *   to the OpenAI-compatible server of OPENAI_BASE_URL); it has no list price, so it costs 0;
 * - a known name with a prefix keeps its price but goes through that provider
 *   (`openai:mistral-small` behind a LiteLLM proxy).
 * Throws `AiModelsConfigError` naming the faulty entry.
 */
export function parseAiModels(spec: string | undefined, defaults: readonly AiModel[] = DEFAULT_AI_MODELS): AiModel[] {
  if (spec === undefined || spec.trim() === '') return defaults.map(copyOf);
  const models: AiModel[] = [];
  const add = (model: AiModel) => {
    if (models.some((m) => m.name === model.name))
      throw new AiModelsConfigError(`modèle « ${model.name} » cité deux fois`);
    models.push(model);
  };
  for (const raw of spec.split(',')) {
    const entry = raw.trim();
    if (entry === '') continue;
    if (entry === '*') {
      for (const model of defaults) add(copyOf(model));
      continue;
    }
    const colon = entry.indexOf(':');
    const prefix = colon > 0 ? entry.slice(0, colon) : '';
    const prefixed = isProviderName(prefix);
    const name = prefixed ? entry.slice(colon + 1) : entry;
    if (!MODEL_NAME.test(name)) throw new AiModelsConfigError(`nom de modèle « ${entry} » mal formé`);
    const known = defaults.find((m) => m.name === name);
    if (known) {
      add({ ...copyOf(known), provider: prefixed ? prefix : known.provider });
    } else if (prefixed) {
      add({
        name,
        provider: prefix,
        description: `Modèle ${name} (${prefix}, configuré par AI_MODELS)`,
        price: { ...FREE },
      });
    } else {
      throw new AiModelsConfigError(
        `modèle inconnu « ${entry} » : préfixez-le par son fournisseur (${AI_PROVIDER_NAMES.map((p) => `${p}:`).join(' ou ')})`,
      );
    }
  }
  if (models.length === 0) throw new AiModelsConfigError('aucun modèle');
  return models;
}

/**
 * Estimated cost in credits of one exchange, rounded to 1e-6 credit. `model` is a model
 * of the list (its price) or the name of one of the default models.
 */
export function estimateCost(
  model: string | Pick<AiModel, 'price'>,
  promptTokens: number,
  completionTokens: number,
): number {
  const price = typeof model === 'string' ? DEFAULT_AI_MODELS.find((m) => m.name === model)?.price : model.price;
  if (!price) throw new Error(`modèle inconnu pour le calcul du coût : ${String(model)}`);
  if (!(promptTokens >= 0 && completionTokens >= 0)) throw new RangeError('nombre de tokens négatif ou invalide');
  const usd = (promptTokens / 1000) * price.promptUsdPer1K + (completionTokens / 1000) * price.completionUsdPer1K;
  return Math.round(usd * CREDITS_PER_USD * 1e6) / 1e6;
}
