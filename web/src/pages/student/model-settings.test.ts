import { describe, expect, it } from 'vitest';
import {
  checkSettings,
  defaultsOf,
  LENGTHS,
  lengthOf,
  lengthTokens,
  modelSentence,
  settingsInWords,
  STYLES,
  styleOf,
  styleTemperature,
  wordsOf,
  type AiModels,
} from './model-settings';

const models: AiModels = {
  models: [
    { name: 'gpt-3.5-turbo', provider: 'openai', description: '' },
    { name: 'mistral-small', provider: 'mistral', description: '' },
  ],
  temperature: { min: 0.1, max: 2, default: 0.7 },
  maxTokens: { min: 50, max: 4000, default: 512 },
  fake: true,
};

describe('model settings of a new conversation', () => {
  it('starts from the first model and the defaults', () => {
    expect(defaultsOf(models)).toEqual({ modelName: 'gpt-3.5-turbo', temperature: '0.7', maxTokens: '512' });
    expect(checkSettings(defaultsOf(models), models)).toEqual({
      ok: true,
      value: { modelName: 'gpt-3.5-turbo', temperature: 0.7, maxTokens: 512 },
    });
  });

  it('takes a French decimal comma', () => {
    expect(checkSettings({ modelName: 'mistral-small', temperature: '1,5', maxTokens: '300' }, models)).toEqual({
      ok: true,
      value: { modelName: 'mistral-small', temperature: 1.5, maxTokens: 300 },
    });
  });

  it('says in French what is out of range', () => {
    const base = defaultsOf(models);
    expect(checkSettings({ ...base, modelName: 'inconnu' }, models)).toEqual({
      ok: false,
      error: 'Choisissez un modèle de la liste.',
    });
    expect(checkSettings({ ...base, temperature: '2.5' }, models)).toEqual({
      ok: false,
      error: 'La température doit être comprise entre 0,1 et 2.',
    });
    expect(checkSettings({ ...base, temperature: '' }, models).ok).toBe(false);
    expect(checkSettings({ ...base, maxTokens: '10' }, models)).toEqual({
      ok: false,
      error: 'La longueur maximale doit être un nombre entier de tokens entre 50 et 4000.',
    });
    expect(checkSettings({ ...base, maxTokens: '100.5' }, models).ok).toBe(false);
  });
});

describe('plain words for the settings', () => {
  const range = models.maxTokens;
  it('maps the three lengths to maxTokens within the range: a third of the default, the default, twice it', () => {
    expect(LENGTHS.map((l) => lengthTokens(l.id, range))).toEqual([170, 512, 1024]);
    expect(lengthOf(170, range)).toBe('courte');
    expect(lengthOf(512, range)).toBe('moyenne');
    expect(lengthOf(300, range)).toBeNull();
  });

  it('maps the three styles to temperatures within the range', () => {
    expect(STYLES.map((s) => styleTemperature(s.id, models.temperature))).toEqual([0.2, 0.7, 1.2]);
    expect(styleOf(1.2, models.temperature)).toBe('creative');
    expect(styleOf(0.3, models.temperature)).toBeNull();
  });

  it('never leaves the ranges a platform sets', () => {
    const narrow = { min: 200, max: 600, default: 400 };
    expect(LENGTHS.map((l) => lengthTokens(l.id, narrow))).toEqual([200, 400, 600]);
    const cool = { min: 0.5, max: 1, default: 0.8 };
    expect(STYLES.map((s) => styleTemperature(s.id, cool))).toEqual([0.5, 0.8, 1]);
  });

  it('says lengths in words and each model in a sentence', () => {
    expect(wordsOf(170)).toBe(120);
    expect(wordsOf(512)).toBe(360);
    for (const m of models.models) expect(modelSentence(m)).toMatch(/\.$/);
    expect(
      modelSentence({ name: 'llama3:8b', description: 'Modèle llama3:8b (openai, configuré par AI_MODELS)' }),
    ).toBe('Modèle llama3:8b (openai, configuré par AI_MODELS)');
    expect(settingsInWords({ maxTokens: 512, temperature: 0.7 }, models)).toBe('Réponse moyenne · Équilibrée');
    expect(settingsInWords({ maxTokens: 300, temperature: 0.3 }, models)).toBe(
      'Réponse de 300 tokens au plus · température 0,3',
    );
  });
});
