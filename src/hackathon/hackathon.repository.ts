import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import {
  DocumentRepository,
  DocumentWriteSerializer,
  insertOnce,
  isoDate,
  isoDateOf,
  objectId,
  Stored,
} from '../../libs/database';
import { HackathonStatut } from './hackathon-status';
import { TaskDefinition, taskView } from './hackathon-tasks';
import { TaskVerification } from './task-verification';
import { HackathonErrors } from './hackathon.errors';
import { Hackathon, HackathonExaminer, HackathonParticipant, HackathonTransition } from './hackathon.schema';
import { HackathonView } from './hackathon.response';

export type { HackathonView };

export type HackathonAcces = HackathonView['acces'];

/** A student's place in a hackathon: on the roster, and their own quotas there (null: the hackathon's). */
export interface ParticipantRecord {
  studentId: string;
  onRoster: boolean;
  promptsParEtudiant: number | null;
  tokensParEtudiant: number | null;
}

export interface NewHackathon {
  nom: string;
  description: string;
  objectifs: string;
  dates: { debut: Date; fin: Date };
  anonymatActif: boolean;
  /** `tokensVerification`, `modeles` and `classement` default to docs/api.md 1.2's defaults. */
  quotas: { promptsParEtudiant: number; tokensParEtudiant: number; tokensVerification?: number };
  taches: TaskDefinition[];
  acces: HackathonAcces;
  modeles?: string[];
  classement?: { poidsNote: number; poidsScore: number };
}

/** docs/api.md 1.2's defaults, for documents written before these fields existed too. */
export const DEFAULT_TOKENS_VERIFICATION = 200_000;
export const DEFAULT_CLASSEMENT = { poidsNote: 1, poidsScore: 0 } as const;

/** What an update may change: never `statut`, `statusVersion` nor `dates.archiveLe`. */
export interface HackathonPatch {
  nom?: string;
  description?: string;
  objectifs?: string;
  dates?: { debut?: Date; fin?: Date };
  anonymatActif?: boolean;
  quotas?: { promptsParEtudiant?: number; tokensParEtudiant?: number; tokensVerification?: number };
  taches?: TaskDefinition[];
  acces?: HackathonAcces;
  modeles?: string[];
  classement?: { poidsNote: number; poidsScore: number };
}

/** The status of a hackathon and how many transitions it went through. */
export interface HackathonState {
  id: string;
  statut: HackathonStatut;
  statusVersion: number;
}

export interface TransitionRecord {
  hackathonId: string;
  seq: number;
  from: HackathonStatut;
  to: HackathonStatut;
  by: string | null;
  at: Date;
}

export interface HackathonSummary {
  id: string;
  nom: string;
  statut: HackathonStatut;
  anonymatActif: boolean;
}

type StoredTask = {
  _id: unknown;
  titre: string;
  consigne?: string | null;
  systeme?: string | null;
  verificationJson?: string | null;
};
type StoredHackathon = Stored<Hackathon> & { taches?: StoredTask[] };

const toTaskDefinition = (t: StoredTask): TaskDefinition => ({
  id: String(t._id),
  titre: t.titre,
  consigne: t.consigne ?? null,
  systeme: t.systeme ?? null,
  verification: t.verificationJson ? (JSON.parse(t.verificationJson) as TaskVerification) : null,
});

export function toHackathonView(doc: StoredHackathon): HackathonView {
  return {
    id: String(doc._id),
    nom: doc.nom,
    description: doc.description ?? '',
    objectifs: doc.objectifs ?? '',
    dates: {
      debut: isoDateOf(doc.dates?.debut),
      fin: isoDateOf(doc.dates?.fin),
      archiveLe: isoDate(doc.dates?.archiveLe),
    },
    anonymatActif: !!doc.anonymatActif,
    quotas: {
      promptsParEtudiant: doc.quotas?.promptsParEtudiant,
      tokensParEtudiant: doc.quotas?.tokensParEtudiant,
      tokensVerification: doc.quotas?.tokensVerification ?? DEFAULT_TOKENS_VERIFICATION,
    },
    taches: (doc.taches ?? []).map((t) => taskView(toTaskDefinition(t))),
    modeles: doc.modeles ?? [],
    classement: doc.classement
      ? { poidsNote: doc.classement.poidsNote, poidsScore: doc.classement.poidsScore }
      : { ...DEFAULT_CLASSEMENT },
    statut: doc.statut as HackathonStatut,
    acces: doc.acces === 'liste' ? 'liste' : 'tous',
    resultatsPublies: !!doc.resultatsPublies,
    createdAt: isoDateOf(doc.createdAt),
    updatedAt: isoDateOf(doc.updatedAt),
  };
}

const toStoredTasks = (taches: TaskDefinition[]) =>
  taches.map((t) => ({
    _id: objectId(t.id),
    titre: t.titre,
    consigne: t.consigne,
    systeme: t.systeme,
    verificationJson: t.verification ? JSON.stringify(t.verification) : null,
  }));

/** Escapes every regex metacharacter: a search text is matched literally, on both engines. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** The `$set` of a patch: dotted paths, so `statut` and `dates.archiveLe` are never touched. */
function setOf(patch: HackathonPatch): Record<string, unknown> {
  const $set: Record<string, unknown> = {};
  for (const k of ['nom', 'description', 'objectifs', 'anonymatActif', 'acces', 'modeles', 'classement'] as const)
    if (patch[k] !== undefined) $set[k] = patch[k];
  if (patch.dates?.debut) $set['dates.debut'] = patch.dates.debut;
  if (patch.dates?.fin) $set['dates.fin'] = patch.dates.fin;
  if (patch.quotas?.promptsParEtudiant !== undefined)
    $set['quotas.promptsParEtudiant'] = patch.quotas.promptsParEtudiant;
  if (patch.quotas?.tokensParEtudiant !== undefined) $set['quotas.tokensParEtudiant'] = patch.quotas.tokensParEtudiant;
  if (patch.quotas?.tokensVerification !== undefined)
    $set['quotas.tokensVerification'] = patch.quotas.tokensVerification;
  if (patch.taches) $set.taches = toStoredTasks(patch.taches);
  return $set;
}

/**
 * What moves with every hackathon write (ActiveHackathonsCache, provided under this name in
 * hackathon.module.ts): the generation the reads kept in memory and in Redis are checked against.
 */
export abstract class HackathonWriteGeneration {
  abstract invalidate(): Promise<void>;
}

/**
 * The only code that knows the hackathons, hackathon_transitions and hackathon_examiners
 * collections, and the one write path of a hackathon and of what it owns (its jury). Each
 * write moves the generation of ActiveHackathonsCache, which the reads kept in memory
 * (ParticipationReads) and in Redis (the running list) are checked against.
 */
@Injectable()
export class HackathonRepository extends DocumentRepository<Hackathon> {
  constructor(
    @InjectModel(Hackathon.name) hackathons: Model<Hackathon>,
    @InjectModel(HackathonTransition.name) private readonly transitions: Model<HackathonTransition>,
    @InjectModel(HackathonExaminer.name) private readonly examiners: Model<HackathonExaminer>,
    @InjectModel(HackathonParticipant.name) private readonly participants: Model<HackathonParticipant>,
    serializer: DocumentWriteSerializer,
    private readonly generations: HackathonWriteGeneration,
  ) {
    super(hackathons, serializer);
    this.lockOptions = { busy: HackathonErrors.busy, unavailable: HackathonErrors.lockUnavailable };
  }

  async create(data: NewHackathon): Promise<HackathonView> {
    const doc = await this.model.create({
      ...data,
      quotas: { ...data.quotas, tokensVerification: data.quotas.tokensVerification ?? DEFAULT_TOKENS_VERIFICATION },
      modeles: data.modeles ?? [],
      classement: data.classement ?? { ...DEFAULT_CLASSEMENT },
      dates: { debut: data.dates.debut, fin: data.dates.fin, archiveLe: null },
      taches: toStoredTasks(data.taches),
      statut: 'Brouillon',
      statusVersion: 0,
      revision: 0,
      resultatsPublies: false,
    });
    await this.generations.invalidate();
    return toHackathonView(doc.toObject() as StoredHackathon);
  }

  async findById(id: string): Promise<HackathonView | null> {
    const doc = await this.model.findById(id).lean<StoredHackathon>();
    return doc ? toHackathonView(doc) : null;
  }

  async findSummaries(ids: string[]): Promise<HackathonSummary[]> {
    if (!ids.length) return [];
    const docs = await this.model
      .find({ _id: { $in: ids.map(objectId) } }, { nom: 1, statut: 1, anonymatActif: 1 })
      .lean<StoredHackathon[]>();
    return docs.map((d) => ({
      id: String(d._id),
      nom: d.nom,
      statut: d.statut as HackathonStatut,
      anonymatActif: !!d.anonymatActif,
    }));
  }

  /** docs/data-model.md §8.4's filters; `q` is matched literally and case-insensitively on nom and description. */
  async list(
    filter: { statut?: HackathonStatut; q?: string; student?: { rosterIds: string[] } },
    skip: number,
    limit: number,
  ): Promise<{ items: HackathonView[]; total: number }> {
    const query: Record<string, unknown> = {};
    const and: Record<string, unknown>[] = [];
    if (filter.statut) query.statut = filter.statut;
    if (filter.q) {
      const pattern = { $regex: escapeRegex(filter.q), $options: 'i' };
      and.push({ $or: [{ nom: pattern }, { description: pattern }] });
    }
    if (filter.student) {
      // What a student may see: no draft, and a `liste` hackathon only from its roster.
      if (filter.statut === 'Brouillon') return { items: [], total: 0 };
      if (!filter.statut) query.statut = { $ne: 'Brouillon' };
      and.push({ $or: [{ acces: { $ne: 'liste' } }, { _id: { $in: filter.student.rosterIds.map(objectId) } }] });
    }
    if (and.length) query.$and = and;
    const [docs, total] = await Promise.all([
      this.model.find(query).sort({ 'dates.debut': -1, _id: -1 }).skip(skip).limit(limit).lean<StoredHackathon[]>(),
      this.model.countDocuments(query),
    ]);
    return { items: docs.map(toHackathonView), total };
  }

  /**
   * `En cours` hackathons not yet over at `now`, newest `debut` first. A superset of the active
   * ones (some may not have started): callers filter by the current time, so a cached copy
   * stays right as time passes.
   */
  async findRunningNotEnded(now: Date): Promise<HackathonView[]> {
    const docs = await this.model
      .find({ statut: 'En cours', 'dates.fin': { $gte: now } })
      .sort({ 'dates.debut': -1, _id: -1 })
      .lean<StoredHackathon[]>();
    return docs.map(toHackathonView);
  }

  /**
   * Edits a hackathon: `decide` sees it as it is and returns the patch (or throws a validation
   * error), with no other writer in between. Null for an unknown id.
   */
  async edit(id: string, decide: (before: HackathonView) => HackathonPatch): Promise<HackathonView | null> {
    const found = await this.mutate(id, (current) => {
      if (!current) return { result: false };
      const $set = setOf(decide(toHackathonView(current as StoredHackathon)));
      return { update: Object.keys($set).length ? { $set, $inc: { revision: 1 } } : null, result: true };
    });
    await this.generations.invalidate();
    return found ? this.findById(id) : null;
  }

  /**
   * The status of a hackathon. If the transition log is ahead of the document (a process died
   * between recording a transition and applying it), the document is rolled forward first.
   */
  async findState(id: string): Promise<HackathonState | null> {
    const [doc, last] = await Promise.all([
      this.model.findById(id, { statut: 1, statusVersion: 1 }).lean<StoredHackathon>(),
      this.transitions
        .findOne({ hackathonId: objectId(id) })
        .sort({ seq: -1 })
        .lean<Stored<HackathonTransition>>(),
    ]);
    if (!doc) return null;
    const state: HackathonState = { id, statut: doc.statut as HackathonStatut, statusVersion: doc.statusVersion ?? 0 };
    if (last && last.seq > state.statusVersion) {
      await this.applyTransition(id, last.seq, last.to as HackathonStatut, last.at);
      return { id, statut: last.to as HackathonStatut, statusVersion: last.seq };
    }
    return state;
  }

  /**
   * Records transition number `seq` of a hackathon. The unique index lets exactly one caller
   * in: `true` for the winner, `false` when that number was taken (on MongoDB and FerretDB).
   */
  recordTransition(t: TransitionRecord): Promise<boolean> {
    return insertOnce(this.transitions, {
      hackathonId: objectId(t.hackathonId),
      seq: t.seq,
      from: t.from,
      to: t.to,
      by: t.by ? objectId(t.by) : null,
      at: t.at,
    });
  }

  /** Applies recorded transition `seq` to the document, unless it is already there (idempotent). */
  async applyTransition(id: string, seq: number, statut: HackathonStatut, at: Date): Promise<HackathonView | null> {
    const $set: Record<string, unknown> = { statut, statusVersion: seq };
    if (statut === 'Archivé') $set['dates.archiveLe'] = at;
    await this.update(id, { $set, $inc: { revision: 1 } }, { statusVersion: { $lt: seq } });
    await this.generations.invalidate();
    return this.findById(id);
  }

  async transitionsOf(id: string): Promise<TransitionRecord[]> {
    const rows = await this.transitions
      .find({ hackathonId: objectId(id) })
      .sort({ seq: 1 })
      .lean<Stored<HackathonTransition>[]>();
    return rows.map((r) => ({
      hackathonId: String(r.hackathonId),
      seq: r.seq,
      from: r.from as HackathonStatut,
      to: r.to as HackathonStatut,
      by: r.by ? String(r.by) : null,
      at: r.at,
    }));
  }

  // --- the jury ----------------------------------------------------------------------------

  /** Examiner ids of the jury, in the order they were attached. */
  async juryOf(hackathonId: string): Promise<string[]> {
    const docs = await this.examiners
      .find({ hackathonId: objectId(hackathonId) }, { examinerId: 1 })
      .sort({ attachedAt: 1, _id: 1 })
      .lean<Stored<HackathonExaminer>[]>();
    return docs.map((d) => String(d.examinerId));
  }

  async isOnJury(hackathonId: string, examinerId: string): Promise<boolean> {
    const n = await this.examiners
      .countDocuments({ hackathonId: objectId(hackathonId), examinerId: objectId(examinerId) })
      .limit(1);
    return n > 0;
  }

  /** Replaces the jury with `wanted`, one replacement of a hackathon's jury at a time. */
  async replaceJury(hackathonId: string, wanted: string[], by: string, at: Date) {
    return this.serialized(hackathonId, async () => {
      const current = await this.juryOf(hackathonId);
      const added = wanted.filter((id) => !current.includes(id));
      const removed = current.filter((id) => !wanted.includes(id));
      for (const examinerId of added)
        await insertOnce(this.examiners, {
          hackathonId: objectId(hackathonId),
          examinerId: objectId(examinerId),
          attachedBy: objectId(by),
          attachedAt: at,
        });
      if (removed.length)
        await this.examiners.deleteMany({
          hackathonId: objectId(hackathonId),
          examinerId: { $in: removed.map(objectId) },
        });
      return { added, removed, jury: await this.juryOf(hackathonId) };
    });
  }

  /** Results published: only from `Terminé` (the condition is checked by the same write). False otherwise. */
  async publishResults(id: string): Promise<boolean> {
    const published = await this.update(
      id,
      { $set: { resultatsPublies: true }, $inc: { revision: 1 } },
      { statut: 'Terminé' },
    );
    await this.generations.invalidate();
    return published;
  }

  // --- participants (roster and per-student quotas) ----------------------------------------

  async participantOf(hackathonId: string, studentId: string): Promise<ParticipantRecord | null> {
    const d = await this.participants
      .findOne({ hackathonId: objectId(hackathonId), studentId: objectId(studentId) })
      .lean<Stored<HackathonParticipant>>();
    return d ? toParticipant(d) : null;
  }

  /** Every participant record of a hackathon (roster members and students with quotas of their own). */
  async participantsOf(hackathonId: string): Promise<ParticipantRecord[]> {
    const docs = await this.participants
      .find({ hackathonId: objectId(hackathonId) })
      .sort({ _id: 1 })
      .lean<Stored<HackathonParticipant>[]>();
    return docs.map(toParticipant);
  }

  /** Ids of the hackathons whose roster holds this student. */
  async rosterHackathonIdsOf(studentId: string): Promise<string[]> {
    const docs = await this.participants
      .find({ studentId: objectId(studentId), onRoster: true }, { hackathonId: 1 })
      .lean<Stored<HackathonParticipant>[]>();
    return docs.map((d) => String(d.hackathonId));
  }

  /**
   * Replaces the roster with `studentIds` (or, with `add`, adds them), one roster change of a
   * hackathon at a time. Quotas of their own stay with students taken off. Returns the roster size.
   */
  async setRoster(hackathonId: string, studentIds: string[], { add = false } = {}): Promise<number> {
    return this.serialized(hackathonId, async () => {
      const h = objectId(hackathonId);
      const ids = studentIds.map(objectId);
      if (!add)
        await this.participants.updateMany({ hackathonId: h, studentId: { $nin: ids } }, { $set: { onRoster: false } });
      const current = new Set(
        (
          await this.participants
            .find({ hackathonId: h, studentId: { $in: ids } }, { studentId: 1 })
            .lean<Stored<HackathonParticipant>[]>()
        ).map((d) => String(d.studentId)),
      );
      await this.participants.updateMany({ hackathonId: h, studentId: { $in: ids } }, { $set: { onRoster: true } });
      const fresh = studentIds.filter((id) => !current.has(id));
      for (const studentId of fresh)
        if (!(await insertOnce(this.participants, { hackathonId: h, studentId: objectId(studentId), onRoster: true })))
          await this.participants.updateOne(
            { hackathonId: h, studentId: objectId(studentId) },
            { $set: { onRoster: true } },
          );
      await this.participants.deleteMany({
        hackathonId: h,
        onRoster: false,
        promptsParEtudiant: null,
        tokensParEtudiant: null,
      });
      await this.generations.invalidate();
      return this.participants.countDocuments({ hackathonId: h, onRoster: true });
    });
  }

  /** A student's own quotas in a hackathon (null keeps the hackathon's); serialized with roster changes. */
  async setStudentQuotas(
    hackathonId: string,
    studentId: string,
    quotas: { promptsParEtudiant?: number | null; tokensParEtudiant?: number | null },
  ): Promise<ParticipantRecord> {
    return this.serialized(hackathonId, async () => {
      const key = { hackathonId: objectId(hackathonId), studentId: objectId(studentId) };
      const $set: Record<string, unknown> = {};
      if (quotas.promptsParEtudiant !== undefined) $set.promptsParEtudiant = quotas.promptsParEtudiant;
      if (quotas.tokensParEtudiant !== undefined) $set.tokensParEtudiant = quotas.tokensParEtudiant;
      if (!(await insertOnce(this.participants, { ...key, onRoster: false, ...$set })))
        await this.participants.updateOne(key, { $set });
      const saved = await this.participantOf(hackathonId, studentId);
      await this.generations.invalidate();
      if (!saved) throw HackathonErrors.notFound();
      return saved;
    });
  }
}

function toParticipant(d: Stored<HackathonParticipant>): ParticipantRecord {
  return {
    studentId: String(d.studentId),
    onRoster: !!d.onRoster,
    promptsParEtudiant: d.promptsParEtudiant ?? null,
    tokensParEtudiant: d.tokensParEtudiant ?? null,
  };
}
