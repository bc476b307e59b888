import { formatNumber, plural as count } from '../../ui/format';

/** The result of an `import-users` job (src/admin/import-users/import-users.usecase.ts ImportUsersResult). */
export interface ImportReport {
  rows: number;
  created: number;
  skippedExisting: number;
  invitationsSent: number;
  rejected: { line: number; email: string | null; reason: string }[];
  existingSample: string[];
  roster?: { hackathonId: string; added: number; size: number };
  /**
   * API 1.2: the columns of the file the import did not use ("extra columns ignored and listed in
   * the report"); the server names them `ignoredColumns` (empty when it does not say).
   */
  ignoredColumns: string[];
}

/** Reads a job's result as an import report (the job's result is typed loosely by the API document). */
export function asImportReport(result: Record<string, unknown> | null): ImportReport | null {
  if (!result || typeof result.rows !== 'number') return null;
  return {
    rows: result.rows,
    created: Number(result.created ?? 0),
    skippedExisting: Number(result.skippedExisting ?? 0),
    invitationsSent: Number(result.invitationsSent ?? 0),
    rejected: Array.isArray(result.rejected) ? (result.rejected as ImportReport['rejected']) : [],
    existingSample: Array.isArray(result.existingSample) ? result.existingSample.map(String) : [],
    roster: (result.roster as ImportReport['roster']) ?? undefined,
    ignoredColumns: Array.isArray(result.ignoredColumns) ? result.ignoredColumns.map(String) : [],
  };
}

/** The report in French sentences, one per line. */
export function importSummary(r: ImportReport): string[] {
  const lines = [
    `${count(r.rows, 'ligne lue', 'lignes lues')}.`,
    `${count(r.created, 'compte créé', 'comptes créés')}, ${count(r.invitationsSent, 'invitation envoyée', 'invitations envoyées')}.`,
    `${count(r.skippedExisting, 'ligne ignorée (compte existant)', 'lignes ignorées (comptes existants)')}.`,
    `${count(r.rejected.length, 'ligne refusée', 'lignes refusées')}.`,
  ];
  if (r.roster)
    lines.push(
      `${count(r.roster.added, 'étudiant ajouté', 'étudiants ajoutés')} à la liste du hackathon, qui en compte ${formatNumber(r.roster.size)}.`,
    );
  if (r.ignoredColumns.length > 0)
    lines.push(
      `${count(r.ignoredColumns.length, 'colonne ignorée', 'colonnes ignorées')} : ${r.ignoredColumns.map((c) => `« ${c} »`).join(', ')}.`,
    );
  return lines;
}
