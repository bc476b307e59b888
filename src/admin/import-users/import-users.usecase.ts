import { Injectable } from '@nestjs/common';
import { isEmail } from 'class-validator';
import { Clock } from '../../../libs/clock';
import { AppError } from '../../../libs/http';
import type { Role } from '../../../libs/http';
import { ImportUsersJob } from '../../../libs/queue';
import { HackathonCatalog } from '../../hackathon';
import { canonicalRole, CreateUserUseCase, Invitations, personNameProblem, UserDirectory } from '../../identity';
import type { InvitationContext } from '../../identity';
import type { ProgressReporter } from '../../../libs/queue';
import { JobInputRepository } from '../job-input.repository';
import { ImportInvitationRepository } from './import-invitation.repository';
import { CsvErrors, CsvField, CsvRow, CsvRowProblem, CsvSeparator, headerKey, parseUsersCsv } from './users-csv.parser';

export interface RejectedRow extends CsvRowProblem {
  email: string | null;
}

/** A row whose email already has an account: that account is left as it is. */
export interface ExistingRow {
  line: number;
  email: string;
  reason: string;
}

export interface ImportUsersResult {
  rows: number;
  created: number;
  skippedExisting: number;
  invitationsSent: number;
  rejected: RejectedRow[];
  /** Each row whose email already had an account, with its line. */
  existing: ExistingRow[];
  /** Emails that already had an account (first 100). */
  existingSample: string[];
  /** The separator found in the header line. */
  separator: CsvSeparator;
  /** The header cell each field was read from. */
  columns: Partial<Record<CsvField, string>>;
  /** Header cells that name no field: not imported. */
  ignoredColumns: string[];
  /** With `hackathonId`: how many of the file's students joined its roster, and the roster's size. */
  roster?: { hackathonId: string; added: number; size: number };
  /** The emails of the rows imported or found existing (not reported: kept for the roster). */
  students: string[];
}

type RowOutcome = 'created' | 'existing';

// The role words a class list may hold beyond the API's aliases (identity's canonicalRole):
// French names as teachers write them, compared without case or accents.
const IMPORT_ROLE_WORDS: Record<string, Role> = Object.fromEntries(
  (
    [
      [
        'student',
        ['élève', 'élèves', 'étudiante', 'étudiantes', 'apprenant', 'apprenante', 'apprenants', 'participant'],
      ],
      ['examiner', ['examinatrice', 'examinatrices', 'jury', 'correcteur', 'correctrice', 'évaluateur', 'évaluatrice']],
      ['admin', ['administratrice', 'administratrices']],
    ] as const
  ).flatMap(([role, words]) => words.map((w) => [headerKey(w), role])),
);

/** The role a row asks for ('' → student), or undefined for a word no one knows. */
export function importRole(value: string): Role | undefined {
  if (value.trim() === '') return 'student';
  return canonicalRole(value) ?? canonicalRole(headerKey(value)) ?? IMPORT_ROLE_WORDS[headerKey(value)];
}

const EXISTING_REASON = 'un compte existe déjà avec cet email : il est laissé tel quel';

/** Field checks of one row; the reason in French, or null when the row is fine. */
export function rowProblem(v: CsvRow['values']): string | null {
  if (!v.prenom) return 'prénom manquant';
  if (!v.nom) return 'nom manquant';
  if (v.prenom.length > 100 || v.nom.length > 100) return 'prénom ou nom trop long (100 caractères au maximum)';
  const nameProblem = personNameProblem(v.prenom) ?? personNameProblem(v.nom);
  if (nameProblem) return `prénom ou nom invalide : ${nameProblem}`;
  if (!v.email) return 'email manquant';
  if (v.email.length > 254 || !isEmail(v.email)) return `email invalide : ${v.email.slice(0, 100)}`;
  const role = importRole(v.role);
  if (!role) return `rôle inconnu : ${v.role.slice(0, 50)} (élève, examinateur ou vide)`;
  if (role === 'admin') return 'rôle admin refusé : les administrateurs sont créés un par un';
  if (v.numeroEtudiant.length > 50) return 'numéro étudiant trop long (50 caractères au maximum)';
  if (v.groupId.length > 100) return 'groupe trop long (100 caractères au maximum)';
  return null;
}

/**
 * Creates the users of a CSV file (read from `job_inputs`: it never sits in Redis) and sends
 * each new one an invitation (mail queue, ids only).
 * Existing emails are skipped; every rejected row is reported with its line and reason.
 * Retries and reruns do no work twice: an `import_invitations` row (unique email) records
 * which import created a user and whether its invitation left; a rerun finds the users
 * existing and sends nothing.
 */
@Injectable()
export class ImportUsersUseCase {
  constructor(
    private readonly users: UserDirectory,
    private readonly createUser: CreateUserUseCase,
    private readonly invitations: Invitations,
    private readonly markers: ImportInvitationRepository,
    private readonly inputs: JobInputRepository,
    private readonly hackathons: HackathonCatalog,
    private readonly clock: Clock,
  ) {}

  /** The file's students (new and existing ones) join the hackathon's roster; its size after. */
  private async joinRoster(
    hackathonId: string,
    emails: string[],
  ): Promise<{ hackathonId: string; added: number; size: number }> {
    const students = (await this.users.findManyByEmails(emails)).filter((u) => u.role === 'student');
    const size = await this.hackathons.addToRoster(
      hackathonId,
      students.map((u) => u.id),
    );
    return { hackathonId, added: students.length, size };
  }

  async execute(
    data: ImportUsersJob,
    jobId: string,
    progress: ProgressReporter,
  ): Promise<Omit<ImportUsersResult, 'students'>> {
    const csv = await this.inputs.textOf(data.inputId);
    if (csv === null) throw CsvErrors.inputMissing();
    // An import into a class: the hackathon must exist before anyone is created (404, final).
    const hackathon = data.hackathonId ? await this.hackathons.viewOf(data.hackathonId) : null;
    // The invitation mail names the admin who imported and the hackathon.
    const invitation: InvitationContext = {
      invitedBy: data.requestedBy,
      hackathon: hackathon ? { id: hackathon.id, nom: hackathon.nom } : null,
    };
    const result = await this.importCsv(csv, jobId, progress, invitation);
    if (data.hackathonId) result.roster = await this.joinRoster(data.hackathonId, result.students);
    // Done: the file (names, emails) is not kept beyond its import.
    await this.inputs.remove(data.inputId);
    const { students: _students, ...report } = result;
    return report;
  }

  private async importCsv(
    csv: string,
    jobId: string,
    progress: ProgressReporter,
    invitation: InvitationContext,
  ): Promise<ImportUsersResult> {
    const parsed = parseUsersCsv(csv);
    const rejected: RejectedRow[] = parsed.problems.map((p) => ({ ...p, email: null }));
    const result: ImportUsersResult = {
      rows: parsed.rows.length + parsed.problems.length,
      created: 0,
      skippedExisting: 0,
      invitationsSent: 0,
      rejected,
      existing: [],
      existingSample: [],
      separator: parsed.separator,
      columns: parsed.columns,
      ignoredColumns: parsed.ignoredColumns,
      students: [],
    };
    const seen = new Map<string, number>();
    let done = 0;
    for (const row of parsed.rows) {
      const email = row.values.email.toLowerCase();
      const problem =
        rowProblem(row.values) ??
        (seen.has(email) ? `email en double dans le fichier (déjà ligne ${seen.get(email)})` : null);
      if (problem) {
        rejected.push({ line: row.line, email: row.values.email || null, reason: problem });
      } else {
        seen.set(email, row.line);
        try {
          const outcome = await this.importRow(row, email, jobId, result, invitation);
          result.students.push(email);
          if (outcome === 'created') result.created++;
          else {
            result.skippedExisting++;
            result.existing.push({ line: row.line, email, reason: EXISTING_REASON });
            if (result.existingSample.length < 100) result.existingSample.push(email);
          }
        } catch (err) {
          // A refusal of this one row (validation by the identity context): reported, the rest goes on.
          if (!(err instanceof AppError) || err.status >= 500) throw err;
          rejected.push({ line: row.line, email, reason: err.message });
        }
      }
      await progress((++done / parsed.rows.length) * 99);
    }
    rejected.sort((a, b) => a.line - b.line);
    return result;
  }

  private async importRow(
    row: CsvRow,
    email: string,
    jobId: string,
    result: ImportUsersResult,
    invitation: InvitationContext,
  ): Promise<RowOutcome> {
    let marker = await this.markers.find(email);
    if (!marker || marker.jobId !== jobId) {
      if (marker || (await this.users.emailExists(email))) return 'existing';
      if (!(await this.markers.claim(email, jobId))) return 'existing';
      marker = { email, jobId, userId: null, sentAt: null };
    }
    // This job owns the email: finish whatever an earlier attempt left undone.
    let userId = marker.userId;
    if (!userId) {
      const v = row.values;
      try {
        const user = await this.createUser.execute(
          {
            prenom: v.prenom,
            nom: v.nom,
            email,
            role: importRole(v.role) ?? 'student',
            numeroEtudiant: v.numeroEtudiant || undefined,
            profilEtudiant: v.groupId ? { groupId: v.groupId } : undefined,
          },
          null,
          { invite: false },
        );
        await this.markers.setUser(email, user.id);
        userId = user.id;
      } catch (err) {
        if (err instanceof AppError && err.code === 'EMAIL_TAKEN') {
          // Someone registered the email meanwhile: not ours to invite.
          await this.markers.release(email, jobId);
          return 'existing';
        }
        throw err;
      }
    }
    if (!marker.sentAt) {
      await this.invitations.send(userId, invitation);
      await this.markers.markSent(email, this.clock.now());
      result.invitationsSent++;
    }
    return 'created';
  }
}
