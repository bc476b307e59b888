import type { Schema } from '@prompt-challenge/api-client';
import type { ApiError } from '../../api/errors';
import type { Essai } from '../../api/essais';
import { placeholder } from '../../ui/rule-text';

// What a page says of a task's automatic checks (API 1.2): its rules in French, a try followed
// from its 202 to its end, the checks of a final version as the stream updates them.

export type Rule = Schema<'PublicCase'>['attendu'][number];
export type Verification = Schema<'VerificationView'>;

export { placeholder, ruleText } from '../../ui/rule-text';

/** The placeholders of a prompt, each once, as the server reads them (src/verification/prompt-placeholders.ts). */
export function placeholdersIn(prompt: string): string[] {
  return [...new Set([...prompt.matchAll(/\{\{\s*([^{}\s]+)\s*\}\}/gu)].map((m) => m[1]))];
}

/**
 * A `400 PROMPT_PLACEHOLDERS` said next to the prompt, naming the placeholders: the ones no
 * example fills, the ones the prompt forgets. Null for any other error.
 */
export function placeholderProblem(error: ApiError | null): string | null {
  if (!error || error.code !== 'PROMPT_PLACEHOLDERS') return null;
  const detail = (error.details ?? []).find((d) => typeof d === 'object' && d !== null) as
    { missing?: unknown; unused?: unknown } | undefined;
  const names = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const list = (n: string[]) => n.map(placeholder).join(', ');
  const missing = names(detail?.missing);
  const unused = names(detail?.unused);
  const parts = [
    ...(missing.length
      ? [
          missing.length > 1
            ? `${list(missing)} ne correspondent à aucune entrée des exemples (vérifiez l’orthographe)`
            : `${list(missing)} ne correspond à aucune entrée des exemples (vérifiez l’orthographe)`,
        ]
      : []),
    ...(unused.length
      ? [`il manque ${list(unused)} : le prompt doit l’utiliser pour recevoir le texte de chaque exemple`]
      : []),
  ];
  return parts.length ? `Emplacements à corriger : ${parts.join(' ; ')}.` : error.message;
}

/** A try followed by the page: the last one started, and those the stream told of before their 202 was read. */
export interface EssaiState {
  id: string | null;
  essai: Essai | null;
  early: Record<string, Essai>;
}

export const noEssai: EssaiState = { id: null, essai: null, early: {} };

const ended = (e: Essai) => e.statut !== 'en_attente';
const ran = (e: Essai) => e.cas.filter((c) => c.reussi !== null).length;

/** Whether `next` says more than `known`: an ended try is never replaced by an older, running view of it. */
function newer(known: Essai | null, next: Essai): boolean {
  if (!known) return true;
  if (ended(known)) return false;
  return ended(next) || ran(next) >= ran(known);
}

/** A try started (its `202`): followed from now, with what the stream may already have said of it. */
export function withEssaiStarted(state: EssaiState, id: string): EssaiState {
  return { id, essai: state.early[id] ?? null, early: {} };
}

/** A view of a try, from `event: essai` or `GET …/essais/:id`. */
export function withEssai(state: EssaiState, data: unknown): EssaiState {
  const essai = (data as { essai?: Essai } | null)?.essai ?? (data as Essai | null);
  if (!essai || typeof essai !== 'object' || typeof essai.id !== 'string' || !Array.isArray(essai.cas)) return state;
  if (essai.id === state.id) return newer(state.essai, essai) ? { ...state, essai } : state;
  // Not (yet) the one followed: kept until its 202 is read.
  return newer(state.early[essai.id] ?? null, essai)
    ? { ...state, early: { ...state.early, [essai.id]: essai } }
    : state;
}

/** Whether the try followed still runs (the page asks for its results until it ends). */
export function essaiRunning(state: EssaiState): boolean {
  return state.id !== null && (state.essai === null || !ended(state.essai));
}

/** The final version with the checks `event: verification` brought (for this conversation only). */
export function withVerification<F extends { verification: Verification | null }>(
  final: F,
  conversationId: string,
  data: unknown,
): F {
  const d = data as { conversationId?: unknown; verification?: Verification } | null;
  if (!d || d.conversationId !== conversationId || !d.verification || typeof d.verification.statut !== 'string')
    return final;
  return { ...final, verification: d.verification };
}

/** The checks' state in a sentence. */
export function verificationStatus(v: Verification): string {
  switch (v.statut) {
    case 'en_attente':
      return 'Vérification automatique en cours : votre prompt est essayé sur les exemples de la tâche.';
    case 'terminee':
      return 'Vérification automatique terminée.';
    case 'budget_epuise':
      return 'Vérification automatique arrêtée : le budget de vérification du hackathon est épuisé. Votre enseignant peut l’augmenter et la relancer.';
    case 'echec':
      return 'La vérification automatique a échoué. Votre enseignant peut la relancer.';
  }
}

/** A score (0–1) as a percentage in French: « 50 % ». */
export function formatScore(score: number | null | undefined): string {
  return typeof score === 'number' && Number.isFinite(score)
    ? new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 }).format(score)
    : '—';
}

/**
 * A try refused for its prompts (`429 QUOTA_PROMPTS_EXCEEDED`): a try counts one prompt per
 * example, so it may be refused with prompts still left. Null for any other error (a refusal
 * for tokens has its way out, QuotaWayOut.tsx).
 */
export function essaiPromptsRefusal(error: ApiError | null, cases: number, promptsLeft: number | null): string | null {
  if (!error || error.code !== 'QUOTA_PROMPTS_EXCEEDED') return null;
  const left =
    promptsLeft === null
      ? ''
      : promptsLeft === 0
        ? ' et il ne vous en reste aucun'
        : ` et il ne vous en reste que ${promptsLeft.toLocaleString('fr-FR')}`;
  return `Cet essai compte ${cases.toLocaleString('fr-FR')} prompt${cases > 1 ? 's' : ''} (un par exemple)${left}. Vous pouvez encore soumettre votre version finale ; demandez à votre enseignant d’augmenter votre quota pour essayer encore.`;
}
