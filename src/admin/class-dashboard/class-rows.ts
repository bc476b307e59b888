import { Injectable } from '@nestjs/common';
import { ClassActivity } from '../../conversation';
import { HackathonCatalog, HackathonView, ParticipantRecord } from '../../hackathon';
import { UserDirectory } from '../../identity';
import { ActivityRecord, StudentActivityRepository } from './student-activity.repository';
import { DashboardRow, DashboardTotals } from '../admin.response';

/** One student's line of the class dashboard (docs/api.md 1.1 and 1.2). */
export type { DashboardRow, DashboardTotals };

const ACTIVE_MS = 15 * 60_000;
const NO_ACTIVITY: ActivityRecord = {
  studentId: '',
  conversations: 0,
  pendingReplies: 0,
  failedReplies: 0,
  submitted: 0,
  lastActivityAt: null,
  lastError: null,
  latest: null,
  refus: { nombre: 0, dernier: null },
};

/** What a row needs beside its activity: the name, the limits, the user's own tokens ceiling. */
export interface Person {
  prenom: string;
  nom: string;
  participant: ParticipantRecord | null;
  tokensAuthorized: number | null;
  tokensUsed: number;
}

/** The class as a dashboard holds it: its rows and what it knows of each student. */
export interface ClassSnapshot {
  hackathon: HackathonView;
  students: DashboardRow[];
  people: Map<string, Person>;
}

const byName = (a: DashboardRow, b: DashboardRow) =>
  a.nom.localeCompare(b.nom, 'fr') || a.prenom.localeCompare(b.prenom, 'fr');
const attention = (r: DashboardRow) => (r.bloque ? 0 : r.refus.nombre > 0 ? 1 : 2);

/** Blocked students first, then the refused, then by name (web/src/pages/admin/dashboard.ts agrees). */
export const byAttention = (a: DashboardRow, b: DashboardRow) => attention(a) - attention(b) || byName(a, b);

/**
 * Builds the class dashboard's rows from small documents only, a query each for the whole
 * class: the roster and own quotas (hackathon), the activity rows (this context), names
 * (identity) and the quota gate's usage (conversation, one Redis round trip) — never the
 * conversations themselves, never a query per student.
 */
@Injectable()
export class ClassRows {
  constructor(
    private readonly hackathons: HackathonCatalog,
    private readonly users: UserDirectory,
    private readonly activity: ClassActivity,
    private readonly rows: StudentActivityRepository,
  ) {}

  /** Every student of the class: the roster for `liste`; else whoever worked in it or got quotas of their own. By name. */
  async all(hackathonId: string): Promise<ClassSnapshot> {
    // Each query starts as soon as what it needs is known: for a roster, the names and the
    // usage as soon as the roster is read, beside the activity rows.
    const participantsRead = this.hackathons.participantsOf(hackathonId);
    const rowsRead = this.rows.allOf(hackathonId);
    participantsRead.catch(() => undefined);
    rowsRead.catch(() => undefined);
    const hackathon = await this.hackathons.viewOf(hackathonId);
    const ids =
      hackathon.acces === 'liste'
        ? (await participantsRead).filter((p) => p.onRoster).map((p) => p.studentId)
        : [
            ...new Set([
              ...(await participantsRead).map((p) => p.studentId),
              ...(await rowsRead).map((a) => a.studentId),
            ]),
          ];
    const [participants, activity, users, usage] = await Promise.all([
      participantsRead,
      rowsRead,
      this.users.findManyByIds(ids),
      this.activity.usageOf(hackathonId, ids),
    ]);
    const byStudent = new Map(participants.map((p) => [p.studentId, p]));
    const acts = new Map(activity.map((a) => [a.studentId, a]));
    const people = new Map<string, Person>(users.map((u) => [u.id, personOf(u, byStudent.get(u.id) ?? null)] as const));
    const students = ids
      .flatMap((id) => {
        const person = people.get(id);
        return person ? [this.row(hackathon, id, person, acts.get(id) ?? null, usage.get(id))] : [];
      })
      .sort(byName);
    return { hackathon, students, people };
  }

  /**
   * The rows of students whose activity changed (`limits`: whose own quotas changed), for a
   * dashboard that already holds the class: one query for the rows and one Redis round trip;
   * names and limits from what it holds, re-read only for newcomers, changed quotas and users
   * with a tokens ceiling of their own. `null`: that student is not (or no longer) in the class.
   */
  async some(
    snapshot: Pick<ClassSnapshot, 'hackathon' | 'people'>,
    studentIds: string[],
    limits: string[] = [],
  ): Promise<Map<string, DashboardRow | null>> {
    const { hackathon, people } = snapshot;
    const fresh = new Set(limits);
    const unknown = studentIds.filter((id) => !people.has(id) || fresh.has(id));
    const ceilings = studentIds.filter((id) => people.get(id)?.tokensAuthorized != null);
    const [participants, users, activity, usage] = await Promise.all([
      Promise.all(unknown.map((id) => this.hackathons.participantOf(hackathon.id, id))),
      [...unknown, ...ceilings].length ? this.users.findManyByIds([...new Set([...unknown, ...ceilings])]) : [],
      this.rows.ofMany(hackathon.id, studentIds),
      this.activity.usageOf(hackathon.id, studentIds),
    ]);
    const participantOf = new Map(unknown.map((id, i) => [id, participants[i]]));
    for (const u of users) {
      const participant = participantOf.has(u.id)
        ? (participantOf.get(u.id) ?? null)
        : (people.get(u.id)?.participant ?? null);
      people.set(u.id, personOf(u, participant));
    }
    const acts = new Map(activity.map((a) => [a.studentId, a]));
    const out = new Map<string, DashboardRow | null>();
    for (const id of studentIds) {
      const person = people.get(id);
      const inClass = person && (hackathon.acces !== 'liste' || person.participant?.onRoster);
      out.set(id, inClass ? this.row(hackathon, id, person, acts.get(id) ?? null, usage.get(id)) : null);
    }
    return out;
  }

  totals(students: DashboardRow[], now: Date): DashboardTotals {
    const sum = (f: (r: DashboardRow) => number) => students.reduce((n, r) => n + f(r), 0);
    return {
      students: students.length,
      active: students.filter((r) => r.lastActivityAt && now.getTime() - Date.parse(r.lastActivityAt) < ACTIVE_MS)
        .length,
      prompts: sum((r) => r.promptsUsed),
      tokens: sum((r) => r.tokensUsed),
      pendingReplies: sum((r) => r.pendingReplies),
      failedReplies: sum((r) => r.failedReplies),
      submitted: sum((r) => r.submitted),
      blocked: students.filter((r) => r.bloque).length,
      refused: students.filter((r) => r.refus.nombre > 0).length,
    };
  }

  private row(
    h: HackathonView,
    studentId: string,
    person: Person,
    activity: ActivityRecord | null,
    usage: { prompts: number; tokens: number } | undefined,
  ): DashboardRow {
    const a = activity ?? NO_ACTIVITY;
    const promptsUsed = usage?.prompts ?? 0;
    const tokensUsed = usage?.tokens ?? 0;
    const promptsLimit = person.participant?.promptsParEtudiant ?? h.quotas.promptsParEtudiant;
    const tokensLimit = person.participant?.tokensParEtudiant ?? h.quotas.tokensParEtudiant;
    // What the gate would check for the next send of the latest conversation (quota-gate.ts).
    const reserve = a.latest ? this.activity.nextSendReserve(a.latest) : null;
    const bloque =
      promptsUsed + 1 > promptsLimit ||
      (reserve !== null &&
        (tokensUsed + reserve > tokensLimit ||
          (person.tokensAuthorized !== null && person.tokensUsed + reserve > person.tokensAuthorized)));
    return {
      studentId,
      prenom: person.prenom,
      nom: person.nom,
      promptsUsed,
      promptsLimit,
      tokensUsed,
      tokensLimit,
      conversations: a.conversations,
      pendingReplies: a.pendingReplies,
      failedReplies: a.failedReplies,
      lastActivityAt: a.lastActivityAt,
      lastError: a.lastError,
      submitted: a.submitted,
      bloque,
      refus: a.refus,
    };
  }
}

function personOf(
  u: { prenom: string; nom: string; tokensAuthorized: number | null; tokensUsed: number },
  participant: ParticipantRecord | null,
): Person {
  return {
    prenom: u.prenom,
    nom: u.nom,
    participant,
    tokensAuthorized: u.tokensAuthorized ?? null,
    tokensUsed: u.tokensUsed ?? 0,
  };
}
