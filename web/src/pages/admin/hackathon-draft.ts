import type { Schema } from '@prompt-challenge/api-client';
import { formatNumber, plural } from '../../ui/format';
import { checksOf, verificationBody, type ChecksDraft } from './checks-draft';
import { fromLocalInput, toLocalInput } from './dates';

/**
 * The hackathon form's state and rules (HackathonFormPage.tsx): defaults, checks said next to
 * their field, the body sent, and the tokens estimate.
 */

export interface TaskDraft {
  id?: string;
  titre: string;
  /** API 1.2 "Tasks with instructions": Markdown shown to students (sent once the server accepts it). */
  consigne: string;
  /** API 1.2: optional system prompt of every call of the task. */
  systeme: string;
  /** API 1.2 automatic checks (checks-draft.ts); null: none. */
  verification: ChecksDraft | null;
}

export interface Draft {
  nom: string;
  description: string;
  objectifs: string;
  debut: string;
  fin: string;
  taches: TaskDraft[];
  prompts: string;
  tokens: string;
  /** API 1.2 `quotas.tokensVerification`: what the automatic checks of the whole hackathon may spend. */
  budgetVerification: string;
  acces: 'tous' | 'liste';
  anonymatActif: boolean;
  /** API 1.2 `modeles`: the models students may use; empty = all. */
  modeles: string[];
}

export type DraftField =
  | 'nom'
  | 'debut'
  | 'fin'
  | 'taches'
  | 'prompts'
  | 'tokens'
  | 'budgetVerification'
  | 'acces'
  | 'description'
  | 'objectifs'
  | 'modeles';

/** The API 1.2 fields the form sends (the server takes them all since API 1.2). */
export interface Accepted {
  consigne: boolean;
  modeles: boolean;
  verification: boolean;
}
export const ACCEPTED_TODAY: Accepted = { consigne: true, modeles: true, verification: true };

/** The French label of each field, as the form shows it (the error summary names them). */
export const FIELD_LABELS: Readonly<Record<DraftField, string>> = {
  nom: 'Nom',
  description: 'Description',
  objectifs: 'Objectifs',
  debut: 'Début',
  fin: 'Fin',
  taches: 'Tâches',
  prompts: 'Prompts par étudiant',
  tokens: 'Tokens par étudiant',
  budgetVerification: 'Budget de vérification',
  acces: 'Accès',
  modeles: 'Modèles autorisés',
};

/** Where the server's per-field messages go (`details[].field` → the form's field). */
export const SERVER_PATHS: Readonly<Record<string, DraftField>> = {
  nom: 'nom',
  description: 'description',
  objectifs: 'objectifs',
  'dates.debut': 'debut',
  'dates.fin': 'fin',
  dates: 'fin',
  taches: 'taches',
  'quotas.promptsParEtudiant': 'prompts',
  'quotas.tokensParEtudiant': 'tokens',
  'quotas.tokensVerification': 'budgetVerification',
  acces: 'acces',
  modeles: 'modeles',
};

const QUARTER = 15 * 60_000;
const HOUR = 3600_000;
/** A class session: the default end comes two hours after the start (a longer hackathon changes it). */
export const DEFAULT_LENGTH_HOURS = 2;

/** The default dates: the start at the next quarter hour (never in the past), the end one session later. */
export function defaultDates(now: Date): { debut: Date; fin: Date } {
  const debut = new Date(Math.ceil(now.getTime() / QUARTER) * QUARTER);
  return { debut, fin: new Date(debut.getTime() + DEFAULT_LENGTH_HOURS * HOUR) };
}

export function emptyDraft(now: Date): Draft {
  const { debut, fin } = defaultDates(now);
  return {
    nom: '',
    description: '',
    objectifs: '',
    debut: toLocalInput(debut),
    fin: toLocalInput(fin),
    taches: [emptyTask()],
    prompts: '30',
    tokens: '8000',
    budgetVerification: '200000',
    acces: 'tous',
    anonymatActif: false,
    modeles: [],
  };
}

export const emptyTask = (): TaskDraft => ({ titre: '', consigne: '', systeme: '', verification: null });

const text = (v: unknown) => (typeof v === 'string' ? v : '');

export function draftOf(h: Schema<'HackathonView'>): Draft {
  const modeles = (h as { modeles?: unknown }).modeles;
  return {
    nom: h.nom,
    description: h.description,
    objectifs: h.objectifs,
    debut: toLocalInput(h.dates.debut),
    fin: toLocalInput(h.dates.fin),
    // consigne/systeme: kept as the server sends them (1.2), so a save does not drop them.
    taches: h.taches.map((t) => ({
      id: t.id,
      titre: t.titre,
      consigne: text((t as { consigne?: unknown }).consigne),
      systeme: text((t as { systeme?: unknown }).systeme),
      verification: checksOf(t.verification),
    })),
    prompts: String(h.quotas.promptsParEtudiant),
    tokens: String(h.quotas.tokensParEtudiant),
    budgetVerification: String(h.quotas.tokensVerification),
    acces: h.acces,
    anonymatActif: h.anonymatActif,
    modeles: Array.isArray(modeles) ? modeles.map(String) : [],
  };
}

const isCount = (v: string) => /^\d+$/.test(v.trim()) && Number(v) >= 1;

/**
 * What the form says before sending, per field. Computed from the draft at each change, so a
 * message goes away as soon as its field is fixed.
 */
export function draftErrors(d: Draft): Partial<Record<DraftField, string>> {
  const e: Partial<Record<DraftField, string>> = {};
  if (!d.nom.trim()) e.nom = 'Donnez un nom au hackathon.';
  const debut = fromLocalInput(d.debut);
  const fin = fromLocalInput(d.fin);
  if (!debut) e.debut = 'Indiquez la date et l’heure du début.';
  if (!fin) e.fin = 'Indiquez la date et l’heure de la fin.';
  else if (debut && fin <= debut) e.fin = 'La fin doit venir après le début.';
  if (!d.taches.some((t) => t.titre.trim()))
    e.taches = 'Ajoutez au moins une tâche : les étudiants travaillent tâche par tâche.';
  if (!isCount(d.prompts)) e.prompts = 'Indiquez un nombre entier, au moins 1.';
  if (!isCount(d.tokens)) e.tokens = 'Indiquez un nombre entier, au moins 1.';
  if (!/^\d+$/.test(d.budgetVerification.trim()))
    e.budgetVerification = 'Indiquez un nombre entier de tokens (0 ou plus).';
  return e;
}

type TaskInput =
  string | { id?: string; titre: string; consigne?: string | null; systeme?: string | null; verification?: unknown };

/**
 * A task as the API takes it: its title alone, or an object (its id when editing; its 1.2 fields
 * once accepted). A saved task sends an emptied field as null, which clears it on the server.
 */
export function taskInput(t: TaskDraft, accepted: Accepted): TaskInput {
  const titre = t.titre.trim();
  const extra: { consigne?: string | null; systeme?: string | null; verification?: unknown } = {};
  const orClear = (v: string) => (v.trim() ? v : t.id ? null : undefined);
  if (accepted.consigne) {
    const consigne = orClear(t.consigne);
    const systeme = orClear(t.systeme);
    if (consigne !== undefined) extra.consigne = consigne;
    if (systeme !== undefined) extra.systeme = systeme;
  }
  if (accepted.verification) {
    if (t.verification) extra.verification = verificationBody(t.verification).body;
    else if (t.id) extra.verification = null;
  }
  if (!t.id && Object.keys(extra).length === 0) return titre;
  return Object.assign(t.id ? { id: t.id, titre } : { titre }, extra);
}

/** The draft index of each task the body sends (tasks without a title are left out): server `taches[k]` → draft index. */
export function sentTaskIndexes(d: Pick<Draft, 'taches'>): number[] {
  return d.taches.flatMap((t, i) => (t.titre.trim() !== '' ? [i] : []));
}

type BodyTask = string | { id?: string; titre: string };

/** The body of `POST /hackathons` (and of `PATCH`, which takes the same fields). Call only when draftErrors is empty. */
export function hackathonBody(d: Draft, accepted: Accepted) {
  return {
    nom: d.nom.trim(),
    description: d.description,
    objectifs: d.objectifs,
    dates: { debut: fromLocalInput(d.debut) ?? '', fin: fromLocalInput(d.fin) ?? '' },
    anonymatActif: d.anonymatActif,
    acces: d.acces,
    quotas: {
      promptsParEtudiant: Number(d.prompts),
      tokensParEtudiant: Number(d.tokens),
      ...(accepted.verification ? { tokensVerification: Number(d.budgetVerification) } : {}),
    },
    taches: d.taches.filter((t) => t.titre.trim() !== '').map((t) => taskInput(t, accepted)) as BodyTask[],
    ...(accepted.modeles ? { modeles: d.modeles } : {}),
  };
}

/**
 * "≈ N échanges de taille moyenne": what a number of tokens buys a student.
 *
 * An exchange of average size is a prompt of a few sentences (~50 tokens) and an answer of two
 * paragraphs (~150 tokens). Each send re-sends the conversation's history to the model
 * (src/conversation/prompt-window.ts), so the k-th exchange of one conversation costs about
 * k × 200 tokens, and n exchanges about 200 × n(n+1)/2: the cost grows with each turn. A send is
 * also refused when what it reserves (history + prompt + the answer's `maxTokens`) does not fit
 * what is left (src/conversation/quota/quota-gate.ts). A fresh conversation re-sends nothing.
 */
export const EXCHANGE = { prompt: 50, answer: 150 } as const;

export function exchangesEstimate(tokens: number, maxTokens = 512): { oneConversation: number; fresh: number } {
  const each = EXCHANGE.prompt + EXCHANGE.answer;
  const reserveFirst = EXCHANGE.prompt + maxTokens;
  if (!Number.isFinite(tokens) || tokens < reserveFirst) return { oneConversation: 0, fresh: 0 };
  let spent = 0;
  let n = 0;
  while (n < 10_000 && spent + n * each + reserveFirst <= tokens) {
    n += 1;
    spent += n * each;
  }
  return { oneConversation: n, fresh: Math.floor((tokens - reserveFirst) / each) + 1 };
}

/** The tokens field's hint: the estimate in words a teacher reads (plural() writes French numbers). */
export function tokensHint(value: string, maxTokens = 512): string {
  const tokens = Number(value);
  if (!isCount(value))
    return 'Ce que chaque étudiant peut consommer, questions et réponses comprises (un token ≈ ¾ de mot).';
  const { oneConversation, fresh } = exchangesEstimate(tokens, maxTokens);
  if (oneConversation === 0)
    return `Trop peu pour un seul échange : chaque envoi réserve la réponse la plus longue possible (${plural(maxTokens, 'token', 'tokens')}).`;
  return `≈ ${plural(oneConversation, 'échange', 'échanges')} de taille moyenne dans une même conversation, ou ≈ ${formatNumber(fresh)} en repartant d’une conversation neuve à chaque fois : chaque échange renvoie tout l’historique et coûte donc plus que le précédent.`;
}

/** A new start moves the end with it while the teacher has not chosen the end (a session keeps its length). */
export function followStart(d: Draft, debut: string): Draft {
  const start = fromLocalInput(debut);
  if (!start) return { ...d, debut };
  return { ...d, debut, fin: toLocalInput(new Date(Date.parse(start) + DEFAULT_LENGTH_HOURS * HOUR)) };
}
