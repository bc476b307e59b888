import { describe, expect, it } from 'vitest';
import { checkSettings, defaultsOf, type AiModels } from './model-settings';

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
