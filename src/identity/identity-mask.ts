/** Whose identity a text must not show. */
export interface MaskedPerson {
  prenom: string;
  nom: string;
  email: string;
}

export const MASKS = { prenom: '[prénom masqué]', nom: '[nom masqué]', email: '[email masqué]' } as const;

// Name parts shorter than this ("de", "la", "Li") are common words: only the whole name hides them.
const MIN_PART_LENGTH = 3;
const SEPARATORS = /[\s'’‐‑–-]+/;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One character without case or accent ("É" → "e", "Œ" → "œ"); may be empty for a lone accent. */
const fold = (ch: string) => ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** The text folded, and for each folded character the index of the character it came from. */
function folded(text: string): { text: string; origin: number[] } {
  let out = '';
  const origin: number[] = [];
  let i = 0;
  for (const ch of text) {
    for (const f of fold(ch)) {
      out += f;
      origin.push(i);
    }
    i += ch.length;
  }
  return { text: out, origin };
}

/** A folded name as a pattern: its parts in order, any run of spaces, hyphens or apostrophes between them. */
function namePattern(name: string): string | null {
  const parts = folded(name.trim()).text.split(SEPARATORS).filter(Boolean);
  return parts.length ? parts.map(escape).join(`[\\s'’‐‑–-]+`) : null;
}

interface Rule {
  pattern: RegExp;
  label: string;
}

function rulesOf(p: MaskedPerson): Rule[] {
  // Whole words only: no letter or digit just before or after (Unicode-aware).
  const word = (body: string) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${body})(?![\\p{L}\\p{N}])`, 'gu');
  const rules: Rule[] = [];
  const email = folded(p.email.trim()).text;
  if (email) rules.push({ pattern: new RegExp(escape(email), 'gu'), label: MASKS.email });
  // Whole names first (a compound name as one), then each long enough part alone.
  for (const [value, label] of [
    [p.prenom, MASKS.prenom],
    [p.nom, MASKS.nom],
  ] as const) {
    const whole = namePattern(value);
    if (whole) rules.push({ pattern: word(whole), label });
  }
  for (const [value, label] of [
    [p.prenom, MASKS.prenom],
    [p.nom, MASKS.nom],
  ] as const) {
    const parts = folded(value.trim()).text.split(SEPARATORS);
    if (parts.length < 2) continue;
    for (const part of parts.filter((x) => [...x].length >= MIN_PART_LENGTH))
      rules.push({ pattern: word(escape(part)), label });
  }
  return rules;
}

/**
 * Hides a person's email, first name and last name in a text (an anonymous copy shows
 * "[nom masqué]" where the student signed their work): without regard to case or accents
 * ("LEA", "Léa", "lea" alike), whole words only ("Léa" is masked, "Léandre" is not), a
 * compound name whether written with a hyphen or a space, and each of its parts of 3 letters
 * or more on its own. The rest of the text is kept as written.
 */
export function identityMask(person: MaskedPerson): (text: string) => string {
  const rules = rulesOf(person);
  return (text: string) => {
    const f = folded(text);
    // Every match of every rule on the text as written; an earlier rule wins where two overlap
    // (so a label is never masked again, and "Jean-Pierre" is one mask, not two).
    const taken: { start: number; end: number; label: string }[] = [];
    for (const rule of rules) {
      for (const m of f.text.matchAll(rule.pattern)) {
        if (m.index === undefined || m[0] === '') continue;
        const lastOrigin = f.origin[m.index + m[0].length - 1];
        const start = f.origin[m.index];
        const end = lastOrigin + String.fromCodePoint(text.codePointAt(lastOrigin) ?? 0).length;
        if (!taken.some((t) => start < t.end && t.start < end)) taken.push({ start, end, label: rule.label });
      }
    }
    let out = text;
    for (const t of taken.sort((a, b) => b.start - a.start)) out = out.slice(0, t.start) + t.label + out.slice(t.end);
    return out;
  };
}

/** The same mask over every string of a JSON value (a final version with its check results). */
export function maskStrings<T>(value: T, mask: (text: string) => string, keep: ReadonlySet<string> = new Set()): T {
  if (typeof value === 'string') return mask(value) as T;
  if (Array.isArray(value)) return value.map((v) => maskStrings(v, mask, keep)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, keep.has(k) ? v : maskStrings(v, mask, keep)]),
    ) as T;
  }
  return value;
}
