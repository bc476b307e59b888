import { Injectable } from '@nestjs/common';
import { Clock } from '../../libs/clock';
import { isObjectIdString } from '../../libs/http';
import { HackathonStatut } from './hackathon-status';
import { definitionOf, Tache, TaskDefinition } from './hackathon-tasks';
import { HackathonErrors, NotOpenReason } from './hackathon.errors';
import { HackathonRepository, HackathonSummary, HackathonView, ParticipantRecord } from './hackathon.repository';
import { ParticipationReads } from './participation-reads';

/** What another context needs to know to let someone work in a hackathon. */
export interface HackathonParticipation {
  id: string;
  nom: string;
  statut: HackathonStatut;
  /** The caller may create conversations and send prompts now. */
  open: boolean;
  /** Why it is closed (when `open` is false). */
  closedReason: NotOpenReason | null;
  /** Usage counts against quotas (false for an admin trying a `Test` hackathon). */
  countsUsage: boolean;
  /** `Terminé` / `Archivé`: students may read what they did, never change it. */
  readOnly: boolean;
  anonymatActif: boolean;
  acces: 'tous' | 'liste';
  resultatsPublies: boolean;
  /** The student asked about may take part (always true for `tous`, the roster decides for `liste`). */
  participant: boolean;
  /** The quotas in force for the student asked about: their own ones when set, else the hackathon's. */
  quotas: { promptsParEtudiant: number; tokensParEtudiant: number };
  taches: Tache[];
  /** The models students may pick; empty: every model of GET /ai/models. */
  modeles: string[];
  dates: { debut: string; fin: string; archiveLe: string | null };
}

/** A task's full definition, for the contexts that run it (conversation, verification). */
export interface TaskOfHackathon extends TaskDefinition {
  hackathonId: string;
}

export interface ParticipationOptions {
  /** The caller is an admin (who may also try a `Test` hackathon, outside its dates). */
  asAdmin?: boolean;
  /** The student whose roster place and own quotas apply. */
  studentId?: string;
}

/**
 * The rules of docs/contexts/hackathon.md: open while `En cours` or `Test` and
 * `debut <= now <= fin`; an admin may also try a `Test` hackathon whatever its dates, and that
 * usage counts against nothing.
 */
export function participationOf(
  h: HackathonView,
  now: Date,
  { asAdmin = false }: ParticipationOptions = {},
  participant: ParticipantRecord | null = null,
): HackathonParticipation {
  let closedReason: NotOpenReason | null = null;
  let countsUsage = true;
  if (h.statut === 'Test' && asAdmin) {
    countsUsage = false;
  } else if (h.statut === 'En cours' || h.statut === 'Test') {
    if (now.getTime() < Date.parse(h.dates.debut)) closedReason = 'NOT_STARTED';
    else if (now.getTime() > Date.parse(h.dates.fin)) closedReason = 'ENDED';
  } else {
    closedReason = 'STATUT';
  }
  return {
    id: h.id,
    nom: h.nom,
    statut: h.statut,
    open: closedReason === null,
    closedReason,
    countsUsage,
    readOnly: h.statut === 'Terminé' || h.statut === 'Archivé',
    anonymatActif: h.anonymatActif,
    acces: h.acces,
    resultatsPublies: h.resultatsPublies,
    participant: asAdmin || h.acces !== 'liste' || !!participant?.onRoster,
    quotas: {
      promptsParEtudiant: participant?.promptsParEtudiant ?? h.quotas.promptsParEtudiant,
      tokensParEtudiant: participant?.tokensParEtudiant ?? h.quotas.tokensParEtudiant,
    },
    taches: h.taches.map((t) => ({ ...t })),
    modeles: [...h.modeles],
    dates: { ...h.dates },
  };
}

/**
 * The hackathon context's public face: other contexts ask here ("is H open for this caller
 * now, which quotas, which tasks, is it anonymous") and never read hackathon documents.
 * Exported by HackathonModule.
 */
@Injectable()
export class HackathonCatalog {
  constructor(
    private readonly hackathons: HackathonRepository,
    private readonly reads: ParticipationReads,
    private readonly clock: Clock,
  ) {}

  /** `404 HACKATHON_NOT_FOUND` for an unknown (or malformed) id. */
  async getForParticipation(hackathonId: string, options: ParticipationOptions = {}): Promise<HackathonParticipation> {
    const valid = isObjectIdString(hackathonId);
    const [h, participant] = valid
      ? await this.reads.hackathonAndParticipant(hackathonId, options.studentId)
      : [null, null];
    if (!h) throw HackathonErrors.notFound();
    return participationOf(h, this.clock.now(), options, participant);
  }

  /** The hackathon as the API shows it; `404 HACKATHON_NOT_FOUND` for an unknown id. */
  async viewOf(hackathonId: string): Promise<HackathonView> {
    const h = isObjectIdString(hackathonId) ? await this.hackathons.findById(hackathonId) : null;
    if (!h) throw HackathonErrors.notFound();
    return h;
  }

  /** The hackathon's roster and the students with quotas of their own there. */
  participantsOf(hackathonId: string): Promise<ParticipantRecord[]> {
    return this.hackathons.participantsOf(hackathonId);
  }

  /** One student's roster place and own quotas in a hackathon (null: neither). */
  participantOf(hackathonId: string, studentId: string): Promise<ParticipantRecord | null> {
    return this.hackathons.participantOf(hackathonId, studentId);
  }

  /** Adds students to a hackathon's roster (an import into a class); the roster size after. */
  addToRoster(hackathonId: string, studentIds: string[]): Promise<number> {
    return this.hackathons.setRoster(hackathonId, studentIds, { add: true });
  }

  /** The participation when open for the caller now, else `409 HACKATHON_NOT_OPEN`. */
  async assertOpenForStudents(
    hackathonId: string,
    options: ParticipationOptions = {},
  ): Promise<HackathonParticipation> {
    const p = await this.getForParticipation(hackathonId, options);
    assertOpen(p);
    return p;
  }

  /**
   * A task's full definition (titre, consigne, systeme, verification with its hidden cases):
   * for the code that runs the task's AI calls and checks, never for an answer to a student.
   * `404 HACKATHON_NOT_FOUND` for an unknown hackathon, null for a task it does not have.
   */
  async taskOf(hackathonId: string, tacheId: string): Promise<TaskOfHackathon | null> {
    const h = await this.viewOf(hackathonId);
    const t = h.taches.find((x) => x.id === tacheId);
    return t ? { hackathonId: h.id, ...definitionOf(t) } : null;
  }

  /** The tokens the automatic checks of the hackathon may spend (`quotas.tokensVerification`). */
  async verificationBudgetOf(hackathonId: string): Promise<number> {
    return (await this.viewOf(hackathonId)).quotas.tokensVerification;
  }

  /** Examiner ids of the hackathon's jury. */
  juryOf(hackathonId: string): Promise<string[]> {
    return this.hackathons.juryOf(hackathonId);
  }

  /** Whether an examiner sits on the hackathon's jury. */
  isOnJury(hackathonId: string, examinerId: string): Promise<boolean> {
    return isObjectIdString(hackathonId) ? this.hackathons.isOnJury(hackathonId, examinerId) : Promise.resolve(false);
  }

  /** Names, statuses and anonymity of several hackathons (unknown ids are left out). */
  findSummaries(hackathonIds: string[]): Promise<HackathonSummary[]> {
    return this.hackathons.findSummaries([
      ...new Set(hackathonIds.filter(isObjectIdString).map((id) => id.toLowerCase())),
    ]);
  }
}

/** `400 MODEL_NOT_ALLOWED` when the hackathon restricts models (`modeles`) and `modelName` is not one of them. */
export function assertModelAllowed(p: Pick<HackathonParticipation, 'modeles'>, modelName: string): void {
  if (p.modeles.length && !p.modeles.includes(modelName)) throw HackathonErrors.modelNotAllowed(modelName, p.modeles);
}

/**
 * Throws unless the caller may work in `p` now: `403 NOT_PARTICIPANT` off a `liste` roster,
 * `409 HACKATHON_NOT_OPEN` when closed (for a participation already read).
 */
export function assertOpen(p: HackathonParticipation): void {
  if (!p.participant) throw HackathonErrors.notParticipant();
  if (!p.open) throw HackathonErrors.notOpen(p.statut, p.closedReason ?? 'STATUT');
}
