import type { Schema } from '@prompt-challenge/api-client';

export type AiModels = Schema<'AiModels'>;

/** The model settings of a new conversation, as typed in the form. */
export interface ModelSettings {
  modelName: string;
  temperature: string;
  maxTokens: string;
}

export function defaultsOf(models: AiModels): ModelSettings {
  return {
    modelName: models.models[0]?.name ?? '',
    temperature: String(models.temperature.default),
    maxTokens: String(models.maxTokens.default),
  };
}

const fr = (n: number) => String(n).replace('.', ',');

/**
 * The body part of `POST /conversations` for these settings, or what is wrong in French:
 * a known model, a temperature and a length within the ranges `GET /ai/models` gives.
 */
export function checkSettings(
  s: ModelSettings,
  models: AiModels,
): { ok: true; value: { modelName: string; temperature: number; maxTokens: number } } | { ok: false; error: string } {
  if (!models.models.some((m) => m.name === s.modelName))
    return { ok: false, error: 'Choisissez un modèle de la liste.' };
  const temperature = Number(s.temperature.replace(',', '.'));
  const t = models.temperature;
  if (s.temperature.trim() === '' || !Number.isFinite(temperature) || temperature < t.min || temperature > t.max)
    return { ok: false, error: `La température doit être comprise entre ${fr(t.min)} et ${fr(t.max)}.` };
  const maxTokens = Number(s.maxTokens);
  const m = models.maxTokens;
  if (s.maxTokens.trim() === '' || !Number.isInteger(maxTokens) || maxTokens < m.min || maxTokens > m.max)
    return {
      ok: false,
      error: `La longueur maximale doit être un nombre entier de tokens entre ${fr(m.min)} et ${fr(m.max)}.`,
    };
  return { ok: true, value: { modelName: s.modelName, temperature, maxTokens } };
}
