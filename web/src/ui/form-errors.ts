import { ApiError, messageFor } from '../api/errors';

/** What a form shows after a refused save: one sentence per field, next to it, and the rest above the button. */
export interface FormErrors<K extends string> {
  fields: Partial<Record<K, string>>;
  others: string[];
}

/** "nom requis" → "Nom requis." : the server's per-field words as a sentence a person reads. */
export function sentence(message: string): string {
  const m = message.trim();
  if (!m) return m;
  const s = m[0].toLocaleUpperCase('fr-FR') + m.slice(1);
  return /[.!?…]$/.test(s) ? s : `${s}.`;
}

/**
 * Splits an API error for a form. A `VALIDATION_FAILED` answer's `details: [{field, messages}]`
 * go to the form field its path belongs to (`paths`: server path → form field; `quotas.tokensParEtudiant`,
 * or a prefix of it such as `taches` for `taches.0.titre`). What has no field — another code, an
 * unknown path — is said once, without the technical key the server puts in its `message`
 * ("Données invalides — nom : Nom requis").
 */
export function formErrorsOf<K extends string>(
  error: ApiError | null,
  paths: Readonly<Record<string, K>>,
  /** Codes about one field (`EMAIL_TAKEN` → the e-mail): their message (or the page's own words) goes next to it. */
  codes: Readonly<Record<string, { field: K; message?: string }>> = {},
): FormErrors<K> {
  const out: FormErrors<K> = { fields: {}, others: [] };
  if (!error) return out;
  const byCode = codes[error.code];
  if (byCode) {
    out.fields[byCode.field] = byCode.message ?? sentence(messageFor(error));
    return out;
  }
  const details = error.code === 'VALIDATION_FAILED' && Array.isArray(error.details) ? error.details : [];
  for (const d of details) {
    if (typeof d !== 'object' || d === null) continue;
    const { field, messages } = d as { field?: unknown; messages?: unknown };
    if (!Array.isArray(messages)) continue;
    const text = messages.map((m) => sentence(String(m))).join(' ');
    const key = typeof field === 'string' ? fieldOf(field, paths) : undefined;
    if (key) out.fields[key] = out.fields[key] ? `${out.fields[key]} ${text}` : text;
    else out.others.push(text);
  }
  if (details.length === 0) out.others.push(sentence(messageFor(error).replace(/^Données invalides — /, '')));
  return out;
}

function fieldOf<K extends string>(path: string, paths: Readonly<Record<string, K>>): K | undefined {
  for (let p = path; p; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') if (paths[p]) return paths[p];
  return undefined;
}
