import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import safeRegex from 'safe-regex2';
import { AI_PARAMETER_RANGES } from '../../config/ai-models';

/**
 * The automatic checks of a task (docs/api.md 1.2, "Tasks with instructions and automatic
 * checks"): what a teacher may write, and the one place that says whether it is valid. The
 * verification context evaluates these rules (src/verification/rules/); this file only defines them.
 */

export const TEXT_RULE_TYPES = ['contient', 'ne_contient_pas', 'egal'] as const;
export const RULE_TYPES = [...TEXT_RULE_TYPES, 'regex', 'json_schema', 'max_mots'] as const;
export type RuleType = (typeof RULE_TYPES)[number];

/** `contient` / `ne_contient_pas`: ignoring case and runs of spaces; `egal`: trimmed, exact. */
export interface TextRule {
  type: (typeof TEXT_RULE_TYPES)[number];
  valeur: string;
}
/** A pattern compiled with the `u` flag, plus `i` when `flags` is `"i"` (the only flag allowed). */
export interface RegexRule {
  type: 'regex';
  valeur: string;
  flags: '' | 'i';
}
/** The answer parses as JSON (alone, or alone in one code fence) and validates against `valeur`. */
export interface JsonSchemaRule {
  type: 'json_schema';
  valeur: Record<string, unknown>;
}
/** At most `valeur` words. */
export interface MaxWordsRule {
  type: 'max_mots';
  valeur: number;
}
export type Rule = TextRule | RegexRule | JsonSchemaRule | MaxWordsRule;

export interface VerificationCase {
  /** Placeholder name → the text put in its place in the final prompt. */
  entrees: Record<string, string>;
  attendu: Rule[];
  /** Shown to students (inputs and expected rules) and tried by them; hidden otherwise. */
  public: boolean;
}

export interface TaskVerification {
  cas: VerificationCase[];
  /** Rules every case must pass, on top of its own `attendu`. */
  regles: Rule[];
  maxTokensPrompt: number | null;
  repetitions: number;
  /** Replaces the temperature frozen in the final version, when set. */
  temperature: number | null;
}

/** What a task holds besides its id and title (null: not set). */
export interface TaskContent {
  consigne: string | null;
  systeme: string | null;
  verification: TaskVerification | null;
}

export const VERIFICATION_LIMITS = {
  texte: 20_000,
  cas: { min: 1, max: 20 },
  repetitions: { min: 1, max: 5, default: 1 },
  reglesParListe: 20,
  entreesParCas: 20,
  regex: 500,
  maxMots: 100_000,
  maxTokensPrompt: 100_000,
  jsonSchema: 20_000,
} as const;

/** A placeholder name: a letter or `_`, then letters, digits or `_` (accents allowed), 50 at most. */
export const PLACEHOLDER_NAME = /^[\p{L}_][\p{L}\p{N}_]{0,49}$/u;

/** One problem, at its exact path in the request body. */
export interface DefinitionProblem {
  field: string;
  messages: string[];
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

const ajv = new Ajv({ allErrors: true, strictTypes: false, strictTuples: false, strictRequired: false });
addFormats(ajv);
const compiledSchemas = new Map<string, ValidateFunction>();

/**
 * The validator of a `json_schema` rule, compiled once per schema text. Throws what ajv says
 * about a schema it refuses (unknown keyword, unresolvable `$ref`...).
 */
export function compileJsonSchema(schema: Record<string, unknown>): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = compiledSchemas.get(key);
  if (!validate) {
    validate = ajv.compile(schema);
    // A small cache: a class has a few tasks, each with a few schemas.
    if (compiledSchemas.size > 500) compiledSchemas.clear();
    compiledSchemas.set(key, validate);
  }
  return validate;
}

/** The RegExp of a `regex` rule (or of a JSON Schema `pattern`, which ajv compiles with `u` too). */
export function compileRuleRegex(pattern: string, flags: '' | 'i' = ''): RegExp {
  return new RegExp(pattern, `u${flags}`);
}

/** The patterns a JSON Schema holds (`pattern` values, `patternProperties` keys), to check them like regex rules. */
function patternsOf(schema: unknown, out: string[] = []): string[] {
  if (Array.isArray(schema)) for (const item of schema) patternsOf(item, out);
  else if (isPlainObject(schema)) {
    for (const [k, v] of Object.entries(schema)) {
      if (k === 'pattern' && typeof v === 'string') out.push(v);
      if (k === 'patternProperties' && isPlainObject(v)) out.push(...Object.keys(v));
      patternsOf(v, out);
    }
  }
  return out;
}

/** Why a pattern is refused, or null. safe-regex2 flags nested repetitions (star height > 1), the classic catastrophic backtracking. */
function regexProblem(pattern: string, flags: '' | 'i'): string | null {
  try {
    compileRuleRegex(pattern, flags);
  } catch (err) {
    return `expression régulière invalide : ${(err as Error).message}`;
  }
  if (!safeRegex(pattern))
    return 'expression régulière refusée : ses répétitions imbriquées (comme (a+)+) peuvent bloquer la vérification ; simplifiez-la';
  return null;
}

class Problems {
  readonly list: DefinitionProblem[] = [];
  add(field: string, message: string) {
    const found = this.list.find((p) => p.field === field);
    if (found) found.messages.push(message);
    else this.list.push({ field, messages: [message] });
  }
  /** Reports keys outside `allowed`; true when there were none. */
  onlyKeys(value: Record<string, unknown>, allowed: readonly string[], path: string): boolean {
    const extra = Object.keys(value).filter((k) => !allowed.includes(k));
    for (const k of extra) this.add(`${path}.${k}`, `champ inconnu (champs possibles : ${allowed.join(', ')})`);
    return extra.length === 0;
  }
}

function optionalText(value: unknown, path: string, problems: Problems): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value !== 'string') {
    problems.add(path, 'doit être une chaîne de caractères');
    return undefined;
  }
  const text = value.trim();
  if (text.length > VERIFICATION_LIMITS.texte)
    problems.add(path, `trop long : ${text.length} caractères (${VERIFICATION_LIMITS.texte} au maximum)`);
  return text === '' ? null : text;
}

function readRule(raw: unknown, path: string, problems: Problems): Rule | undefined {
  if (!isPlainObject(raw)) {
    problems.add(path, 'une règle est un objet {type, valeur}');
    return undefined;
  }
  const type = raw.type;
  if (typeof type !== 'string' || !(RULE_TYPES as readonly string[]).includes(type)) {
    problems.add(`${path}.type`, `type de règle inconnu (types possibles : ${RULE_TYPES.join(', ')})`);
    return undefined;
  }
  const valeur = raw.valeur;
  const at = `${path}.valeur`;
  switch (type as RuleType) {
    case 'contient':
    case 'ne_contient_pas':
    case 'egal': {
      problems.onlyKeys(raw, ['type', 'valeur'], path);
      if (typeof valeur !== 'string') return void problems.add(at, 'doit être une chaîne de caractères');
      if (valeur.trim() === '') return void problems.add(at, 'ne doit pas être vide');
      if (valeur.length > VERIFICATION_LIMITS.texte)
        return void problems.add(at, `trop long (${VERIFICATION_LIMITS.texte} caractères au maximum)`);
      return { type: type as TextRule['type'], valeur };
    }
    case 'regex': {
      problems.onlyKeys(raw, ['type', 'valeur', 'flags'], path);
      const flags = raw.flags ?? '';
      if (flags !== '' && flags !== 'i')
        problems.add(`${path}.flags`, 'seul le drapeau "i" (casse ignorée) est permis');
      if (typeof valeur !== 'string' || valeur === '')
        return void problems.add(at, 'doit être une expression régulière non vide');
      if (valeur.length > VERIFICATION_LIMITS.regex)
        return void problems.add(at, `trop longue (${VERIFICATION_LIMITS.regex} caractères au maximum)`);
      if (flags !== '' && flags !== 'i') return undefined;
      const problem = regexProblem(valeur, flags);
      if (problem) return void problems.add(at, problem);
      return { type: 'regex', valeur, flags };
    }
    case 'json_schema': {
      problems.onlyKeys(raw, ['type', 'valeur'], path);
      if (!isPlainObject(valeur)) return void problems.add(at, 'doit être un schéma JSON (un objet)');
      if (JSON.stringify(valeur).length > VERIFICATION_LIMITS.jsonSchema)
        return void problems.add(at, `schéma trop long (${VERIFICATION_LIMITS.jsonSchema} caractères au maximum)`);
      try {
        compileJsonSchema(valeur);
      } catch (err) {
        return void problems.add(at, `schéma JSON refusé : ${(err as Error).message}`);
      }
      for (const pattern of patternsOf(valeur)) {
        const problem = regexProblem(pattern, '');
        if (problem) return void problems.add(at, `motif « ${pattern} » du schéma : ${problem}`);
      }
      return { type: 'json_schema', valeur };
    }
    case 'max_mots': {
      problems.onlyKeys(raw, ['type', 'valeur'], path);
      if (typeof valeur !== 'number' || !Number.isInteger(valeur) || valeur < 1)
        return void problems.add(at, 'doit être un entier positif');
      if (valeur > VERIFICATION_LIMITS.maxMots)
        return void problems.add(at, `au maximum ${VERIFICATION_LIMITS.maxMots}`);
      return { type: 'max_mots', valeur };
    }
  }
}

function readRules(raw: unknown, path: string, problems: Problems): Rule[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    problems.add(path, 'doit être une liste de règles');
    return [];
  }
  if (raw.length > VERIFICATION_LIMITS.reglesParListe)
    problems.add(path, `${VERIFICATION_LIMITS.reglesParListe} règles au maximum`);
  return raw.flatMap((r, i) => readRule(r, `${path}[${i}]`, problems) ?? []);
}

function readCase(raw: unknown, path: string, problems: Problems): VerificationCase | undefined {
  if (!isPlainObject(raw)) {
    problems.add(path, 'un cas est un objet {entrees, attendu, public}');
    return undefined;
  }
  problems.onlyKeys(raw, ['entrees', 'attendu', 'public'], path);
  const entrees: Record<string, string> = {};
  const rawEntrees = raw.entrees ?? {};
  if (!isPlainObject(rawEntrees)) problems.add(`${path}.entrees`, 'doit être un objet {nom: texte}');
  else {
    const names = Object.keys(rawEntrees);
    if (names.length > VERIFICATION_LIMITS.entreesParCas)
      problems.add(`${path}.entrees`, `${VERIFICATION_LIMITS.entreesParCas} entrées au maximum`);
    for (const name of names) {
      const value = rawEntrees[name];
      if (!PLACEHOLDER_NAME.test(name))
        problems.add(
          `${path}.entrees.${name}`,
          'nom d’entrée invalide : une lettre ou _, puis lettres, chiffres ou _ (50 caractères au maximum), utilisé comme {{nom}} dans le prompt',
        );
      else if (typeof value !== 'string') problems.add(`${path}.entrees.${name}`, 'doit être un texte');
      else if (value.length > VERIFICATION_LIMITS.texte)
        problems.add(`${path}.entrees.${name}`, `trop long (${VERIFICATION_LIMITS.texte} caractères au maximum)`);
      else entrees[name] = value;
    }
  }
  const attendu = readRules(raw.attendu, `${path}.attendu`, problems);
  if (raw.public !== undefined && typeof raw.public !== 'boolean')
    problems.add(`${path}.public`, 'doit être un booléen');
  return { entrees, attendu, public: raw.public === true };
}

function optionalInteger(raw: unknown, path: string, min: number, max: number, problems: Problems) {
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < min || raw > max) {
    problems.add(path, `doit être un entier entre ${min} et ${max}`);
    return null;
  }
  return raw;
}

function readVerification(raw: unknown, path: string, problems: Problems): TaskVerification | null | undefined {
  if (raw === undefined) return undefined;
  if (raw === null) return null;
  if (!isPlainObject(raw)) {
    problems.add(path, 'doit être un objet {cas, regles, maxTokensPrompt, repetitions, temperature}');
    return undefined;
  }
  problems.onlyKeys(raw, ['cas', 'regles', 'maxTokensPrompt', 'repetitions', 'temperature'], path);
  const { cas: casLimits, repetitions: repLimits } = VERIFICATION_LIMITS;
  let cas: VerificationCase[] = [];
  if (!Array.isArray(raw.cas))
    problems.add(`${path}.cas`, `doit être une liste de ${casLimits.min} à ${casLimits.max} cas`);
  else if (raw.cas.length < casLimits.min || raw.cas.length > casLimits.max)
    problems.add(`${path}.cas`, `de ${casLimits.min} à ${casLimits.max} cas (${raw.cas.length} donnés)`);
  else cas = raw.cas.flatMap((c, i) => readCase(c, `${path}.cas[${i}]`, problems) ?? []);
  const regles = readRules(raw.regles, `${path}.regles`, problems);

  // One prompt serves every case: they all fill the same placeholders.
  const names = (c: VerificationCase) => Object.keys(c.entrees).sort();
  if (cas.length > 1) {
    const first = names(cas[0]);
    cas.forEach((c, i) => {
      const these = names(c);
      const missing = first.filter((n) => !these.includes(n));
      const extra = these.filter((n) => !first.includes(n));
      if (missing.length || extra.length)
        problems.add(
          `${path}.cas[${i}].entrees`,
          `chaque cas remplit les mêmes entrées que le cas 1 (${first.join(', ') || 'aucune'})` +
            (missing.length ? ` ; manque : ${missing.join(', ')}` : '') +
            (extra.length ? ` ; en trop : ${extra.join(', ')}` : ''),
        );
    });
  }
  // A case nothing checks would always pass (rules refused above are already reported).
  const declared = (rules: unknown) => (Array.isArray(rules) ? rules.length : 0);
  if (!declared(raw.regles) && Array.isArray(raw.cas))
    raw.cas.forEach((c: unknown, i) => {
      if (isPlainObject(c) && !declared(c.attendu))
        problems.add(`${path}.cas[${i}].attendu`, 'aucune règle ne vérifie ce cas (ni attendu, ni regles)');
    });

  let repetitions: number = repLimits.default;
  if (raw.repetitions !== undefined) {
    const r = raw.repetitions;
    if (typeof r !== 'number' || !Number.isInteger(r) || r < repLimits.min || r > repLimits.max)
      problems.add(`${path}.repetitions`, `doit être un entier entre ${repLimits.min} et ${repLimits.max}`);
    else repetitions = r;
  }
  const maxTokensPrompt = optionalInteger(
    raw.maxTokensPrompt,
    `${path}.maxTokensPrompt`,
    1,
    VERIFICATION_LIMITS.maxTokensPrompt,
    problems,
  );
  let temperature: number | null = null;
  if (raw.temperature !== undefined && raw.temperature !== null) {
    const { min, max } = AI_PARAMETER_RANGES.temperature;
    const t = raw.temperature;
    if (typeof t !== 'number' || !Number.isFinite(t) || t < min || t > max)
      problems.add(`${path}.temperature`, `doit être un nombre entre ${min} et ${max} (voir GET /ai/models)`);
    else temperature = t;
  }
  return { cas, regles, maxTokensPrompt, repetitions, temperature };
}

/**
 * Reads what a task object holds besides its title (`undefined`: not given, keep what the task
 * had; `null`: clear it), adding each problem at its path under `path` (`taches[1]`).
 */
export function readTaskContent(
  raw: Record<string, unknown>,
  path: string,
  problems: DefinitionProblem[],
): Partial<TaskContent> {
  const p = new Problems();
  const content: Partial<TaskContent> = {};
  // An empty `path`: the fields are at the body's top level (`verification.cas[0]...`).
  const at = (key: string) => (path ? `${path}.${key}` : key);
  const consigne = optionalText(raw.consigne, at('consigne'), p);
  if (consigne !== undefined) content.consigne = consigne;
  const systeme = optionalText(raw.systeme, at('systeme'), p);
  if (systeme !== undefined) content.systeme = systeme;
  const verification = readVerification(raw.verification, at('verification'), p);
  if (verification !== undefined) content.verification = verification;
  problems.push(...p.list);
  return content;
}

/** The placeholder names a verification's cases fill (the same for every case). */
export function inputNamesOf(verification: TaskVerification | null): string[] {
  return verification ? Object.keys(verification.cas[0]?.entrees ?? {}).sort() : [];
}
