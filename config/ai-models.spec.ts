import { AI_PARAMETER_RANGES, AiModelsConfigError, DEFAULT_AI_MODELS, estimateCost, parseAiModels } from './ai-models';

const names = (spec: string | undefined) => parseAiModels(spec).map((m) => `${m.provider}:${m.name}`);

describe('the model list (docs/data-model.md §4.5) and AI_MODELS', () => {
  it('is the seed’s six models, three per provider, when AI_MODELS is absent or blank', () => {
    const seed = [
      'openai:gpt-3.5-turbo',
      'openai:gpt-4',
      'openai:gpt-4-turbo',
      'mistral:mistral-tiny',
      'mistral:mistral-small',
      'mistral:mistral-medium',
    ];
    expect(names(undefined)).toEqual(seed);
    expect(names('   ')).toEqual(seed);
  });

  it('restricts the list to the names given, in their order, ignoring spaces and empty entries', () => {
    expect(names(' mistral-small , gpt-4,, ')).toEqual(['mistral:mistral-small', 'openai:gpt-4']);
  });

  it('extends it with `*` and provider-prefixed names, which cost nothing (no list price)', () => {
    const models = parseAiModels('*,openai:llama3:8b,mistral:open-mixtral-8x7b');
    expect(models).toHaveLength(8);
    expect(models[6]).toMatchObject({
      name: 'llama3:8b',
      provider: 'openai',
      price: { promptUsdPer1K: 0, completionUsdPer1K: 0 },
    });
    expect(models[7]).toMatchObject({ name: 'open-mixtral-8x7b', provider: 'mistral' });
  });

  it('lets a prefix send a known model through another provider, keeping its price', () => {
    const [model] = parseAiModels('openai:mistral-small');
    expect(model).toMatchObject({ name: 'mistral-small', provider: 'openai', price: DEFAULT_AI_MODELS[4].price });
  });

  it.each([
    ['llama3', /modèle inconnu « llama3 » : préfixez-le par son fournisseur \(openai: ou mistral:\)/],
    ['anthropic:claude', /modèle inconnu « anthropic:claude »/],
    ['gpt-4,gpt-4', /« gpt-4 » cité deux fois/],
    ['*,gpt-4', /« gpt-4 » cité deux fois/],
    ['openai:bad name', /mal formé/],
    ['openai:', /mal formé/],
    [',,', /aucun modèle/],
  ])('refuses %j, naming AI_MODELS and the entry', (spec, reason) => {
    expect(() => parseAiModels(spec)).toThrow(AiModelsConfigError);
    expect(() => parseAiModels(spec)).toThrow(/^variable d'environnement AI_MODELS invalide/);
    expect(() => parseAiModels(spec)).toThrow(reason);
  });

  it('never hands out the shared default objects', () => {
    const [first] = parseAiModels(undefined);
    first.price.promptUsdPer1K = 99;
    expect(DEFAULT_AI_MODELS[0].price.promptUsdPer1K).toBe(0.0005);
  });
});

describe('parameter ranges (docs/data-model.md §4.6)', () => {
  it('are temperature 0.1–2.0 (0.7) and maxTokens 50–4000 (512)', () => {
    expect(AI_PARAMETER_RANGES).toEqual({
      temperature: { min: 0.1, max: 2.0, default: 0.7 },
      maxTokens: { min: 50, max: 4000, default: 512 },
    });
  });
});

describe('estimateCost (credits, 1 credit = 1 US cent)', () => {
  it('prices prompt and completion tokens separately, per 1K tokens', () => {
    // gpt-4: $0.03 per 1K prompt + $0.06 per 1K completion → $0.03 + $0.03 = 6 cents.
    expect(estimateCost('gpt-4', 1000, 500)).toBe(6);
    // gpt-3.5-turbo: 123 × $0.0005/1K + 456 × $0.0015/1K = $0.0007455.
    expect(estimateCost('gpt-3.5-turbo', 123, 456)).toBe(0.07455);
    expect(estimateCost('mistral-medium', 0, 0)).toBe(0);
  });

  it('takes a model of the configured list, whose price may be 0', () => {
    const [llama] = parseAiModels('openai:llama3');
    expect(estimateCost(llama, 5000, 5000)).toBe(0);
    expect(estimateCost({ price: { promptUsdPer1K: 1, completionUsdPer1K: 2 } }, 1, 1)).toBe(0.3);
  });

  it('every default model has a price, and a completion token never costs less than a prompt token', () => {
    for (const model of DEFAULT_AI_MODELS) {
      expect(model.price.promptUsdPer1K).toBeGreaterThan(0);
      expect(model.price.completionUsdPer1K).toBeGreaterThanOrEqual(model.price.promptUsdPer1K);
    }
  });

  it('refuses an unknown model name and negative counts', () => {
    expect(() => estimateCost('gpt-5', 1, 1)).toThrow(/gpt-5/);
    expect(() => estimateCost('gpt-4', -1, 0)).toThrow(RangeError);
    expect(() => estimateCost('gpt-4', Number.NaN, 0)).toThrow(RangeError);
  });
});
