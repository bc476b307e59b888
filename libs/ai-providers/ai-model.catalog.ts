import { AI_PARAMETER_RANGES, AiModel, estimateCost } from '../../config/ai-models';

/**
 * The models of this deployment (docs/data-model.md §4.5, as AI_MODELS restricts or extends them), their
 * parameter ranges (docs/data-model.md §4.6) and prices: what `GET /ai/models` shows, what a new
 * conversation is validated against, and what `coutEstime` is computed from.
 */
export class AiModelCatalog {
  readonly ranges = AI_PARAMETER_RANGES;
  private readonly byName: ReadonlyMap<string, AiModel>;

  constructor(
    readonly models: readonly AiModel[],
    /** True when the answers come from the fake LLM server (AI_FAKE): shown to clients. */
    readonly fake = false,
  ) {
    this.byName = new Map(models.map((m) => [m.name, m]));
  }

  find(name: string): AiModel | undefined {
    return this.byName.get(name);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** Credits (1 credit = 1 US cent), from the table's list prices: an estimate. Throws for a model outside the list. */
  estimateCost(modelName: string, promptTokens: number, completionTokens: number): number {
    const model = this.byName.get(modelName);
    if (!model) throw new Error(`modèle hors de la liste configurée : ${modelName}`);
    return estimateCost(model, promptTokens, completionTokens);
  }
}
