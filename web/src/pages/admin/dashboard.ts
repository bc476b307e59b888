import type { Schema } from '@prompt-challenge/api-client';
import { plural } from '../../ui/format';

export type DashboardRow = Schema<'DashboardRow'>;
export type DashboardTotals = Schema<'DashboardTotals'>;

/** The rows with `row` in place of the one of the same student (or added at the end): the table does not reorder. */
export function mergeRow(rows: DashboardRow[], row: DashboardRow): DashboardRow[] {
  const i = rows.findIndex((r) => r.studentId === row.studentId);
  if (i < 0) return [...rows, row];
  const next = rows.slice();
  next[i] = row;
  return next;
}

/** Whether a stream event's data looks like a dashboard row. */
export function isDashboardRow(data: unknown): data is DashboardRow {
  return typeof data === 'object' && data !== null && typeof (data as { studentId?: unknown }).studentId === 'string';
}

export function isDashboardTotals(data: unknown): data is DashboardTotals {
  return typeof data === 'object' && data !== null && typeof (data as { prompts?: unknown }).prompts === 'number';
}

/** A quota raised for one student: the row with its new limits. */
export function withLimits(
  rows: DashboardRow[],
  quota: { studentId: string; promptsLimit: number; tokensLimit: number },
): DashboardRow[] {
  return rows.map((r) =>
    r.studentId === quota.studentId ? { ...r, promptsLimit: quota.promptsLimit, tokensLimit: quota.tokensLimit } : r,
  );
}

/**
 * Why a student needs the teacher now. API 1.2 "Dashboard": `bloque` (the next prompt of their
 * latest conversation cannot fit the quota: the server weighs what that send would reserve)
 * and `refus: {nombre, dernier: {code, at}}` (the 429 answers they got). A used-up quota is
 * named as such; the server's `bloque` covers it too.
 */
export interface Attention {
  blocked: string | null;
  refusals: { count: number; last: { code: string; at: string } | null } | null;
}

const REFUSAL_WORDS: Record<string, string> = {
  QUOTA_PROMPTS_EXCEEDED: 'quota de prompts',
  QUOTA_TOKENS_EXCEEDED: 'quota de tokens',
};

export function attentionOf(r: DashboardRow): Attention {
  let blocked: string | null = null;
  if (r.promptsLimit >= 0 && r.promptsUsed >= r.promptsLimit) blocked = 'Bloqué : plus aucun prompt.';
  else if (r.tokensLimit >= 0 && r.tokensUsed >= r.tokensLimit) blocked = 'Bloqué : plus aucun token.';
  else if (r.bloque) blocked = 'Bloqué : son prochain prompt ne tient plus dans son quota de tokens.';
  const refus = r.refus;
  const refusals: Attention['refusals'] =
    refus && refus.nombre > 0
      ? { count: refus.nombre, last: refus.dernier ? { code: refus.dernier.code, at: refus.dernier.at } : null }
      : null;
  return { blocked, refusals };
}

/** "3 refus (dernier : quota de tokens, 2 mars 2026, 14:05)"; `date` formats the instant. */
export function refusalWords(a: Attention['refusals'], date: (iso: string) => string): string | null {
  if (!a) return null;
  const head = `${a.count.toLocaleString('fr-FR')} refus`;
  if (!a.last) return head;
  return `${head} (dernier : ${REFUSAL_WORDS[a.last.code] ?? 'quota'}, ${date(a.last.at)})`;
}

/**
 * Blocked students first, then those who were refused, then by name: the order the server
 * sends (GET /hackathons/:id/dashboard), kept as rows change live.
 */
export function byAttention(rows: readonly DashboardRow[]): DashboardRow[] {
  const rank = (r: DashboardRow) => {
    const a = attentionOf(r);
    return a.blocked ? 0 : a.refusals ? 1 : 2;
  };
  return rows
    .map((r) => ({ r, k: rank(r) }))
    .sort((a, b) => a.k - b.k || a.r.nom.localeCompare(b.r.nom, 'fr') || a.r.prenom.localeCompare(b.r.prenom, 'fr'))
    .map((x) => x.r);
}

/** The line above the class when someone is stuck: how many, and where to act. */
export function attentionSummary(blocked: number, refused: number): string {
  const who = [
    blocked > 0 ? `${plural(blocked, 'étudiant bloqué par son quota', 'étudiants bloqués par leur quota')}` : '',
    refused > 0 ? `${plural(refused, 'étudiant', 'étudiants')} qui ${refused >= 2 ? 'ont' : 'a'} reçu des refus` : '',
  ].filter(Boolean);
  const them = blocked + refused >= 2 ? 'ils sont' : 'il est';
  return `${who.join(' et ')} : ${them} en tête de la liste. « Changer le quota d’un étudiant », plus bas, relève un quota.`;
}
