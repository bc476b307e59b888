import type { ConversationWithMessages } from '../../conversation';
import { CsvCell, spreadsheetCsv } from '../spreadsheet-csv';

/**
 * The conversations export as CSV: one row per message (and, for a submitted conversation, a
 * last row holding its final prompt), written for a French spreadsheet (spreadsheet-csv.ts:
 * `;`, BOM, CRLF, formulas made inert — what students typed is never run). Identity columns
 * are empty with `pseudonymes` (only `candidat` is written) and `candidat` is empty without.
 */
export const CONVERSATIONS_HEADER = [
  'hackathon',
  'conversationId',
  'tacheId',
  'tache',
  'candidat',
  'etudiantId',
  'prenom',
  'nom',
  'email',
  'numeroEtudiant',
  'modele',
  'temperature',
  'maxTokens',
  'soumis',
  'soumisLe',
  'numero',
  'messageId',
  'role',
  'date',
  'contenu',
  'tokens',
  'modeleUtilise',
  'reponseFinale',
] as const;

/** Who wrote a conversation, as the file may name them. */
export type ConversationAuthor =
  { candidat: string } | { id: string; prenom: string; nom: string; email: string; numeroEtudiant: string | null };

// Roles in words a teacher reads; the final prompt is not a message, it gets a row of its own.
const ROLE_WORDS: Record<string, string> = { student: 'élève', assistant: 'IA', system: 'système' };
const FINAL_PROMPT = 'prompt final';

export function conversationsCsvHeader(): string {
  return spreadsheetCsv([[...CONVERSATIONS_HEADER]]);
}

/** The rows of one conversation (no BOM: they follow the header in the same file). */
export function conversationCsvRows(
  c: ConversationWithMessages,
  ctx: { hackathon: string; tache: string | null; author: ConversationAuthor | null },
): string {
  const a = ctx.author;
  const named = a && 'id' in a ? a : null;
  const common: CsvCell[] = [
    ctx.hackathon,
    c.id,
    c.tacheId,
    ctx.tache,
    a && 'candidat' in a ? a.candidat : null,
    named?.id,
    named?.prenom,
    named?.nom,
    named?.email,
    named?.numeroEtudiant,
    c.modelName,
    c.temperature,
    c.maxTokens,
    c.versionFinale !== null,
    c.versionFinale?.soumisLe,
  ];
  const rows: CsvCell[][] = c.messages.map((m, i) => [
    ...common,
    i + 1,
    m.id,
    ROLE_WORDS[m.role] ?? m.role,
    m.createdAt,
    m.content,
    m.tokenCount,
    m.modelUsed,
    c.versionFinale?.messageId ? m.id === c.versionFinale.messageId : null,
  ]);
  if (c.versionFinale) {
    const v = c.versionFinale;
    rows.push([
      ...common,
      c.messages.length + 1,
      null,
      FINAL_PROMPT,
      v.soumisLe,
      v.promptFinal,
      null,
      v.modelName,
      null,
    ]);
  }
  return rows.length ? spreadsheetCsv(rows, { withBom: false }) : '';
}
