import { AppError } from './app-error';

/** docs/api.md 1.1: deeper bodies are refused. */
export const MAX_BODY_DEPTH = 32;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export const BodyErrors = {
  tooDeep: () =>
    new AppError(400, 'VALIDATION_FAILED', `Corps de requête trop imbriqué (${MAX_BODY_DEPTH} niveaux au maximum)`, [
      { field: 'body', messages: [`plus de ${MAX_BODY_DEPTH} niveaux d’imbrication`] },
    ]),
  nulCharacter: (field: string) =>
    new AppError(400, 'VALIDATION_FAILED', `Caractère nul (U+0000) interdit dans le champ ${field}`, [
      { field, messages: ['caractère nul interdit'] },
    ]),
  forbiddenKey: (key: string) =>
    new AppError(400, 'VALIDATION_FAILED', `Clé interdite dans le corps de requête : ${key}`, [
      { field: key, messages: ['clé interdite'] },
    ]),
};

/**
 * Nesting depth of a JSON text, read byte by byte before it is parsed (no recursion, strings
 * and escapes skipped), so a 5 000-level body costs one pass and never reaches JSON.parse, the
 * validator or the class transformer. Stops as soon as `max` is exceeded.
 */
export function jsonDepthExceeds(raw: Buffer, max = MAX_BODY_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped byte
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/** The first `__proto__`, `constructor` or `prototype` key anywhere in a parsed body (iterative walk). */
export function forbiddenKeyIn(value: unknown): string | null {
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (const item of v) stack.push(item);
      continue;
    }
    for (const key of Object.keys(v)) {
      if (FORBIDDEN_KEYS.has(key)) return key;
      stack.push((v as Record<string, unknown>)[key]);
    }
  }
  return null;
}

/**
 * Where a parsed body holds a NUL character (U+0000), in a key or a string, as a field path
 * (`prenom`, `taches.0.titre`; `body` for the body itself), or null (iterative walk).
 * No text of the service may hold one: PostgreSQL, FerretDB's backend, refuses it in JSON, so
 * it would surface as a 500 at the first write instead of a 400 here.
 */
export function nulCharacterField(value: unknown): string | null {
  const stack: Array<{ v: unknown; path: string }> = [{ v: value, path: '' }];
  const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
  for (let top = stack.pop(); top; top = stack.pop()) {
    const { v, path } = top;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return path || 'body';
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push({ v: item, path: join(path, String(i)) }));
      continue;
    }
    for (const key of Object.keys(v)) {
      if (key.includes('\u0000')) return join(path, key.split('\u0000').join('\\0'));
      stack.push({ v: (v as Record<string, unknown>)[key], path: join(path, key) });
    }
  }
  return null;
}
