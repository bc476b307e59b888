import type { Schema } from '@prompt-challenge/api-client';

/**
 * A task's automatic checks as the form edits them (ChecksEditor.tsx), and the API 1.2
 * `verification` built from them. Every value is kept as typed (text), so the form never loses
 * what the teacher wrote; what cannot be sent is said next to its field, under the same key as
 * the server's INVALID_VERIFICATION paths (`cas[0].attendu[1].valeur`), so both land in one place.
 */

export type RuleType = 'contient' | 'ne_contient_pas' | 'egal' | 'regex' | 'json_schema' | 'max_mots';

export interface RuleDraft {
  type: RuleType;
  /** Text, pattern, JSON Schema text or number of words, as typed. */
  valeur: string;
  /** regex only: ignore case. */
  ignorerCasse: boolean;
}

export interface CaseDraft {
  /** Input name → its text for this case. */
  entrees: Record<string, string>;
  attendu: RuleDraft[];
  public: boolean;
}

export interface ChecksDraft {
  /** The placeholder names, comma separated as typed (`texte, langue`). */
  noms: string;
  cas: CaseDraft[];
  regles: RuleDraft[];
  repetitions: string;
  maxTokensPrompt: string;
  temperature: string;
}

/** The French words of each rule type, in the order the menu offers them. */
export const RULE_LABELS: Readonly<Record<RuleType, string>> = {
  contient: 'La réponse contient',
  ne_contient_pas: 'La réponse ne contient pas',
  egal: 'La réponse est exactement',
  regex: 'La réponse correspond à l’expression régulière',
  json_schema: 'La réponse est un JSON conforme au schéma',
  max_mots: 'La réponse a au plus (mots)',
};

export const emptyRule = (type: RuleType = 'contient'): RuleDraft => ({ type, valeur: '', ignorerCasse: false });

export const emptyCase = (names: string[], isPublic = true): CaseDraft => ({
  entrees: Object.fromEntries(names.map((n) => [n, ''])),
  attendu: [emptyRule()],
  public: isPublic,
});

/** What a task starts with when the teacher turns checks on: one input, one public case. */
export function newChecks(): ChecksDraft {
  return {
    noms: 'texte',
    cas: [emptyCase(['texte'])],
    regles: [],
    repetitions: '1',
    maxTokensPrompt: '',
    temperature: '',
  };
}

/** The input names, each once, in the order typed. */
export function namesOf(c: Pick<ChecksDraft, 'noms'>): string[] {
  return [
    ...new Set(
      c.noms
        .split(/[,;\s]+/)
        .map((n) => n.replace(/^\{\{|\}\}$/g, '').trim())
        .filter(Boolean),
    ),
  ];
}

type ApiRule = Schema<'VerificationCaseView'>['attendu'][number];

function ruleDraftOf(r: ApiRule): RuleDraft {
  const valeur =
    r.type === 'json_schema'
      ? JSON.stringify(r.valeur, null, 2)
      : typeof r.valeur === 'number'
        ? String(r.valeur)
        : String(r.valeur ?? '');
  return { type: r.type, valeur, ignorerCasse: r.flags === 'i' };
}

/** The form's checks from a task's `verification` (null: no checks). */
export function checksOf(v: Schema<'TaskVerificationView'> | null | undefined): ChecksDraft | null {
  if (!v) return null;
  const names = Object.keys(v.cas[0]?.entrees ?? {});
  return {
    noms: names.join(', '),
    cas: v.cas.map((c) => ({ entrees: { ...c.entrees }, attendu: c.attendu.map(ruleDraftOf), public: c.public })),
    regles: v.regles.map(ruleDraftOf),
    repetitions: String(v.repetitions ?? 1),
    maxTokensPrompt: v.maxTokensPrompt == null ? '' : String(v.maxTokensPrompt),
    temperature: v.temperature == null ? '' : String(v.temperature),
  };
}

/** The checks with their input names changed: each case keeps the texts of the names it still has. */
export function withNames(c: ChecksDraft, noms: string): ChecksDraft {
  const names = namesOf({ noms });
  return {
    ...c,
    noms,
    cas: c.cas.map((x) => ({ ...x, entrees: Object.fromEntries(names.map((n) => [n, x.entrees[n] ?? ''])) })),
  };
}

const PLACEHOLDER_NAME = /^[\p{L}_][\p{L}\p{N}_]{0,49}$/u;
const isInteger = (v: string) => /^\d+$/.test(v.trim());
const decimal = (v: string) => Number(v.trim().replace(',', '.'));

function ruleBody(r: RuleDraft, path: string, errors: Record<string, string>): Record<string, unknown> {
  switch (r.type) {
    case 'max_mots':
      if (!isInteger(r.valeur) || Number(r.valeur) < 1)
        errors[`${path}.valeur`] = 'Indiquez un nombre entier de mots, au moins 1.';
      return { type: r.type, valeur: Number(r.valeur) };
    case 'json_schema': {
      let schema: unknown = null;
      try {
        schema = JSON.parse(r.valeur);
      } catch {
        errors[`${path}.valeur`] =
          'Le schéma n’est pas un JSON lisible : vérifiez les accolades, guillemets et virgules.';
      }
      if (schema !== null && (typeof schema !== 'object' || Array.isArray(schema)))
        errors[`${path}.valeur`] = 'Le schéma doit être un objet JSON, entre accolades { }.';
      return { type: r.type, valeur: schema ?? {} };
    }
    case 'regex':
      if (!r.valeur) errors[`${path}.valeur`] = 'Écrivez l’expression régulière.';
      return { type: r.type, valeur: r.valeur, flags: r.ignorerCasse ? 'i' : '' };
    default:
      if (!r.valeur.trim()) errors[`${path}.valeur`] = 'Écrivez le texte attendu.';
      return { type: r.type, valeur: r.valeur };
  }
}

/**
 * The `verification` the API takes, and what the form can already say is wrong (by path; empty:
 * nothing). The server checks again and says the rest (unsafe regex, schema ajv refuses...).
 */
export function verificationBody(c: ChecksDraft): { body: Record<string, unknown>; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const names = namesOf(c);
  const bad = names.filter((n) => !PLACEHOLDER_NAME.test(n));
  if (bad.length)
    errors.noms = `Nom d’entrée invalide : ${bad.join(', ')}. Une lettre ou _, puis lettres, chiffres ou _ (sans espace).`;
  if (c.cas.length === 0) errors.cas = 'Ajoutez au moins un cas.';
  const cas = c.cas.map((x, i) => ({
    entrees: Object.fromEntries(names.map((n) => [n, x.entrees[n] ?? ''])),
    attendu: x.attendu.map((r, j) => ruleBody(r, `cas[${i}].attendu[${j}]`, errors)),
    public: x.public,
  }));
  const regles = c.regles.map((r, j) => ruleBody(r, `regles[${j}]`, errors));
  if (!regles.length)
    c.cas.forEach((x, i) => {
      if (!x.attendu.length)
        errors[`cas[${i}].attendu`] = 'Ajoutez une règle à ce cas, ou une règle pour tous les cas.';
    });
  const body: Record<string, unknown> = { cas, regles };
  if (!isInteger(c.repetitions) || Number(c.repetitions) < 1 || Number(c.repetitions) > 5)
    errors.repetitions = 'Indiquez un nombre entier de 1 à 5.';
  else body.repetitions = Number(c.repetitions);
  if (c.maxTokensPrompt.trim()) {
    if (!isInteger(c.maxTokensPrompt) || Number(c.maxTokensPrompt) < 1)
      errors.maxTokensPrompt = 'Indiquez un nombre entier de tokens, au moins 1, ou laissez vide.';
    else body.maxTokensPrompt = Number(c.maxTokensPrompt);
  } else body.maxTokensPrompt = null;
  if (c.temperature.trim()) {
    const t = decimal(c.temperature);
    if (!Number.isFinite(t)) errors.temperature = 'Indiquez un nombre (par exemple 0,2), ou laissez vide.';
    else body.temperature = t;
  } else body.temperature = null;
  return { body, errors };
}

/**
 * The server's per-path problems (INVALID_VERIFICATION `details`) under a prefix
 * (`taches[1].verification` for a save, `verification` for a try), keyed as verificationBody's
 * errors; `''` for the verification itself.
 */
export function checksErrorsOf(details: readonly unknown[] | undefined, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of details ?? []) {
    if (typeof d !== 'object' || d === null) continue;
    const { field, messages } = d as { field?: unknown; messages?: unknown };
    if (typeof field !== 'string' || !Array.isArray(messages)) continue;
    if (field !== prefix && !field.startsWith(`${prefix}.`)) continue;
    const key = field === prefix ? '' : field.slice(prefix.length + 1);
    const text = messages.map((m) => sentence(String(m))).join(' ');
    out[key] = out[key] ? `${out[key]} ${text}` : text;
  }
  return out;
}

function sentence(m: string): string {
  const s = m.trim();
  if (!s) return s;
  const t = s[0].toLocaleUpperCase('fr-FR') + s.slice(1);
  return /[.!?…]$/.test(t) ? t : `${t}.`;
}

/**
 * The messages of one form spot: the rule, case or field at `key` and what is under it that no
 * control of its own shows (`cas[0].entrees.texte` under `cas[0].entrees`).
 */
export function errorAt(errors: Record<string, string>, ...keys: string[]): string | null {
  const found = keys.map((k) => errors[k]).filter(Boolean);
  return found.length ? found.join(' ') : null;
}
