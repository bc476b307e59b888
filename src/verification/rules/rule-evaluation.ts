import type { ErrorObject } from 'ajv';
import { compileJsonSchema, compileRuleRegex, Rule } from '../../hackathon';
import { runWithTimeLimit } from './time-limit';

/** The verdict of every rule on one answer: passed when no rule failed; `raisons` say why not, in French. */
export interface RulesOutcome {
  reussi: boolean;
  raisons: string[];
}

/** How long one regex or JSON Schema check may run before it counts as failed (a pathological pattern). */
export const RULE_TIME_LIMIT_MS = 200;

/** Unicode NFC (an accent typed as one character or as a letter + combining mark reads the same), LF line ends. */
export const canonical = (text: string) => text.normalize('NFC').replace(/\r\n?/g, '\n');

/** For `contient` / `ne_contient_pas`: canonical, lower case, every run of spaces (line breaks, NBSP...) as one space. */
const searchable = (text: string) => canonical(text).toLocaleLowerCase('fr').replace(/\s+/gu, ' ').trim();

const quoted = (text: string, max = 80) => `« ${text.length > max ? `${text.slice(0, max - 1)}…` : text} »`;

/**
 * Words as a word processor counts them: runs of characters between spaces that hold at least
 * one letter or digit. So « l’homme » and « peut-être » are one word each, and a lone « ! »,
 * « — » or emoji is none.
 */
export function countWords(text: string): number {
  return canonical(text)
    .split(/\s+/u)
    .filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
}

/**
 * The JSON of an answer: the whole answer once trimmed, or the content of one code fence that
 * is the whole answer (```json … ```), as chat models often wrap it. Text before or after the
 * JSON fails: producing clean JSON is what such a rule checks.
 */
export function parseAnswerJson(answer: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  let text = canonical(answer).trim();
  const fence = /^```[\w-]*[ \t]*\n([\s\S]*?)\n?```$/.exec(text);
  if (fence) text = fence[1].trim();
  if (text === '') return { ok: false, reason: 'la réponse est vide : un JSON était attendu' };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    const message = (err as Error).message;
    const after = /after JSON at position (\d+)/.exec(message);
    if (after)
      return {
        ok: false,
        reason: `la réponse contient autre chose que le JSON : du texte suit le JSON (${quoted(text.slice(Number(after[1])).trim(), 40)})`,
      };
    return { ok: false, reason: `la réponse n’est pas un JSON valide (${message})` };
  }
}

/** ajv's error, in French for the common keywords (ajv's own English words otherwise). */
function schemaErrorText(e: ErrorObject): string {
  const where = e.instancePath ? `« ${e.instancePath} »` : 'le JSON';
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `${where} : propriété requise manquante « ${String(p.missingProperty)} »`;
    case 'type':
      return `${where} doit être de type ${String(p.type)}`;
    case 'additionalProperties':
      return `${where} : propriété non permise « ${String(p.additionalProperty)} »`;
    case 'enum':
      return `${where} doit valoir l’une des valeurs permises`;
    case 'const':
      return `${where} doit valoir la valeur attendue`;
    case 'minItems':
    case 'maxItems':
    case 'minLength':
    case 'maxLength':
    case 'minimum':
    case 'maximum':
      return `${where} : limite ${e.keyword} ${String(p.limit)} non respectée`;
    default:
      return `${where} : ${e.message ?? e.keyword}`;
  }
}

/** Why `answer` fails `rule`, or null when it passes. */
export function failureOf(answer: string, rule: Rule, timeLimitMs = RULE_TIME_LIMIT_MS): string | null {
  switch (rule.type) {
    case 'contient':
      return searchable(answer).includes(searchable(rule.valeur))
        ? null
        : `la réponse ne contient pas ${quoted(rule.valeur)}`;
    case 'ne_contient_pas':
      return searchable(answer).includes(searchable(rule.valeur)) ? `la réponse contient ${quoted(rule.valeur)}` : null;
    case 'egal':
      return canonical(answer).trim() === canonical(rule.valeur).trim()
        ? null
        : `la réponse n’est pas exactement ${quoted(rule.valeur)}`;
    case 'regex': {
      const text = canonical(answer);
      const run = runWithTimeLimit(() => compileRuleRegex(rule.valeur, rule.flags).test(text), timeLimitMs);
      if (!run.finished)
        return `l’expression régulière ${quoted(rule.valeur, 40)} a dépassé ${timeLimitMs} ms : vérification interrompue, règle non satisfaite`;
      return run.value ? null : `la réponse ne correspond pas à l’expression régulière ${quoted(rule.valeur, 40)}`;
    }
    case 'json_schema': {
      const parsed = parseAnswerJson(answer);
      if (!parsed.ok) return parsed.reason;
      const validate = compileJsonSchema(rule.valeur);
      const run = runWithTimeLimit(() => validate(parsed.value), timeLimitMs);
      if (!run.finished) return `la validation du schéma JSON a dépassé ${timeLimitMs} ms : règle non satisfaite`;
      if (run.value) return null;
      return `le JSON ne respecte pas le schéma : ${(validate.errors ?? []).slice(0, 3).map(schemaErrorText).join(' ; ')}`;
    }
    case 'max_mots': {
      const words = countWords(answer);
      return words <= rule.valeur ? null : `la réponse compte ${words} mots, ${rule.valeur} au plus`;
    }
  }
}

/** Every rule on one answer (a case's `attendu`, then the task's `regles`). */
export function evaluateRules(answer: string, rules: readonly Rule[], timeLimitMs = RULE_TIME_LIMIT_MS): RulesOutcome {
  const raisons = rules.map((r) => failureOf(answer, r, timeLimitMs)).filter((r): r is string => r !== null);
  return { reussi: raisons.length === 0, raisons };
}
