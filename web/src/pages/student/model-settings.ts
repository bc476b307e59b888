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

type Range = AiModels['maxTokens'];
const clamp = (n: number, r: Range) => Math.min(r.max, Math.max(r.min, n));

/**
 * Plain words for students, mapped to the real parameters within the ranges `GET /ai/models`
 * gives (each value is clamped into its range):
 * - answer length (`maxTokens`): moyenne = the platform's default; courte = a third of it
 *   (rounded to ten); longue = twice it;
 * - style (`temperature`): précise = 0.2 (the model sticks to the likeliest words, nearly the
 *   same answer each time); équilibrée = the platform's default; créative = 1.2 (more varied,
 *   more surprising words).
 */
export type AnswerLength = 'courte' | 'moyenne' | 'longue';
export type AnswerStyle = 'precise' | 'equilibree' | 'creative';

export const LENGTHS: { id: AnswerLength; label: string }[] = [
  { id: 'courte', label: 'Réponse courte' },
  { id: 'moyenne', label: 'Réponse moyenne' },
  { id: 'longue', label: 'Réponse longue' },
];

export const STYLES: { id: AnswerStyle; label: string; hint: string }[] = [
  { id: 'precise', label: 'Précise', hint: 's’en tient au plus probable : presque la même réponse à chaque fois' },
  { id: 'equilibree', label: 'Équilibrée', hint: 'un peu de variété, sans s’égarer' },
  { id: 'creative', label: 'Créative', hint: 'plus d’idées et de surprises, parfois moins exacte' },
];

export function lengthTokens(length: AnswerLength, range: Range): number {
  const base = range.default;
  const tokens = length === 'courte' ? Math.round(base / 3 / 10) * 10 : length === 'longue' ? base * 2 : base;
  return clamp(tokens, range);
}

export function styleTemperature(style: AnswerStyle, range: Range): number {
  const t = style === 'precise' ? 0.2 : style === 'creative' ? 1.2 : range.default;
  return clamp(t, range);
}

/** The length's word for a `maxTokens`, or null when it is none of the three (set in « Réglages précis »). */
export function lengthOf(maxTokens: number, range: Range): AnswerLength | null {
  return LENGTHS.find((l) => lengthTokens(l.id, range) === maxTokens)?.id ?? null;
}

export function styleOf(temperature: number, range: Range): AnswerStyle | null {
  return STYLES.find((s) => Math.abs(styleTemperature(s.id, range) - temperature) < 1e-9)?.id ?? null;
}

/** About how many French words a number of tokens makes (~0.7 word a token), rounded to ten. */
export function wordsOf(tokens: number): number {
  return Math.max(10, Math.round((tokens * 0.7) / 10) * 10);
}

/** What a model is, for a 16-year-old; the API's description for a model this list does not know. */
const MODEL_SENTENCES: Record<string, string> = {
  'gpt-3.5-turbo': 'Rapide et économe : idéal pour essayer beaucoup d’idées.',
  'gpt-4': 'Plus réfléchi mais plus lent : pour les consignes difficiles.',
  'gpt-4-turbo': 'Aussi réfléchi que GPT-4, en plus rapide.',
  'mistral-tiny': 'Le plus petit et le plus rapide : des réponses simples.',
  'mistral-small': 'Un modèle français, équilibré entre vitesse et qualité.',
  'mistral-medium': 'Le plus fin des modèles Mistral proposés, un peu plus lent.',
};

export function modelSentence(model: Pick<AiModels['models'][number], 'name' | 'description'>): string {
  return MODEL_SENTENCES[model.name] ?? (model.description || 'Un modèle d’IA proposé par votre établissement.');
}

/** A conversation's settings in words: « Réponse moyenne · Équilibrée ». */
export function settingsInWords(s: { maxTokens: number; temperature: number }, models: AiModels): string {
  const length = LENGTHS.find((x) => x.id === lengthOf(s.maxTokens, models.maxTokens));
  const style = STYLES.find((x) => x.id === styleOf(s.temperature, models.temperature));
  return `${length?.label ?? `Réponse de ${s.maxTokens} tokens au plus`} · ${style?.label ?? `température ${fr(s.temperature)}`}`;
}
