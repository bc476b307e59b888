import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { HackathonStatut } from './hackathon-status';
import { Tache } from './hackathon-tasks';
import { Hackathon, HackathonTransition } from './hackathon.schema';

/** A hackathon as it leaves the service (API.md: `id`, `taches: [{id, titre}]`, ISO dates). */
export interface HackathonView {
  id: string;
  nom: string;
  description: string;
  objectifs: string;
  dates: { debut: string; fin: string; archiveLe: string | null };
  anonymatActif: boolean;
  quotas: { promptsParEtudiant: number; tokensParEtudiant: number };
  taches: Tache[];
  statut: HackathonStatut;
  createdAt: string;
  updatedAt: string;
}

export interface NewHackathon {
  nom: string;
  description: string;
  objectifs: string;
  dates: { debut: Date; fin: Date };
  anonymatActif: boolean;
  quotas: { promptsParEtudiant: number; tokensParEtudiant: number };
  taches: Tache[];
}

/** What an update may change: never `statut`, `statusVersion` nor `dates.archiveLe`. */
export interface HackathonPatch {
  nom?: string;
  description?: string;
  objectifs?: string;
  dates?: { debut?: Date; fin?: Date };
  anonymatActif?: boolean;
  quotas?: { promptsParEtudiant?: number; tokensParEtudiant?: number };
  taches?: Tache[];
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

const iso = (d: unknown): string | null =>
  d instanceof Date ? d.toISOString() : d ? new Date(d as string).toISOString() : null;

export function toHackathonView(doc: any): HackathonView {
  return {
    id: String(doc._id),
    nom: doc.nom,
    description: doc.description ?? '',
    objectifs: doc.objectifs ?? '',
    dates: { debut: iso(doc.dates?.debut)!, fin: iso(doc.dates?.fin)!, archiveLe: iso(doc.dates?.archiveLe) },
    anonymatActif: !!doc.anonymatActif,
    quotas: { promptsParEtudiant: doc.quotas?.promptsParEtudiant, tokensParEtudiant: doc.quotas?.tokensParEtudiant },
    taches: (doc.taches ?? []).map((t: any) => ({ id: String(t._id), titre: t.titre })),
    statut: doc.statut,
    createdAt: iso(doc.createdAt)!,
    updatedAt: iso(doc.updatedAt)!,
  };
}

const toStoredTasks = (taches: Tache[]) => taches.map((t) => ({ _id: new Types.ObjectId(t.id), titre: t.titre }));

/** Escapes every regex metacharacter: a search text is matched literally, on both engines. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

const isDuplicate = (err: any) => err?.code === 11000 || err?.code === 11001;

/** The only code that knows the hackathons and hackathon_transitions collections. Plain objects out. */
@Injectable()
export class HackathonRepository {
  constructor(
    @InjectModel(Hackathon.name) private readonly hackathons: Model<Hackathon>,
    @InjectModel(HackathonTransition.name) private readonly transitions: Model<HackathonTransition>,
  ) {}

  async create(data: NewHackathon): Promise<HackathonView> {
    const doc = await this.hackathons.create({
      ...data,
      dates: { debut: data.dates.debut, fin: data.dates.fin, archiveLe: null },
      taches: toStoredTasks(data.taches),
      statut: 'Brouillon',
      statusVersion: 0,
      revision: 0,
    });
    return toHackathonView(doc.toObject());
  }

  async findById(id: string): Promise<HackathonView | null> {
    const doc = await this.hackathons.findById(id).lean();
    return doc ? toHackathonView(doc) : null;
  }

  async findSummaries(ids: string[]): Promise<HackathonSummary[]> {
    if (!ids.length) return [];
    const docs = await this.hackathons
      .find({ _id: { $in: ids.map((id) => new Types.ObjectId(id)) } }, { nom: 1, statut: 1, anonymatActif: 1 })
      .lean();
    return docs.map((d) => ({
      id: String(d._id),
      nom: d.nom,
      statut: d.statut as HackathonStatut,
      anonymatActif: !!d.anonymatActif,
    }));
  }

  /** Seed 8.4's filters; `q` is matched literally and case-insensitively on nom and description. */
  async list(
    filter: { statut?: HackathonStatut; q?: string },
    skip: number,
    limit: number,
  ): Promise<{ items: HackathonView[]; total: number }> {
    const query: Record<string, unknown> = {};
    if (filter.statut) query.statut = filter.statut;
    if (filter.q) {
      const pattern = { $regex: escapeRegex(filter.q), $options: 'i' };
      query.$or = [{ nom: pattern }, { description: pattern }];
    }
    const [docs, total] = await Promise.all([
      this.hackathons.find(query).sort({ 'dates.debut': -1, _id: -1 }).skip(skip).limit(limit).lean(),
      this.hackathons.countDocuments(query),
    ]);
    return { items: docs.map(toHackathonView), total };
  }

  /**
   * `En cours` hackathons not yet over at `now`, newest `debut` first. A superset of the active
   * ones (some may not have started): callers filter by the current time, so a cached copy
   * stays right as time passes.
   */
  async findRunningNotEnded(now: Date): Promise<HackathonView[]> {
    const docs = await this.hackathons
      .find({ statut: 'En cours', 'dates.fin': { $gte: now } })
      .sort({ 'dates.debut': -1, _id: -1 })
      .lean();
    return docs.map(toHackathonView);
  }

  /** Sets the given fields only (dotted paths, so `statut` and `dates.archiveLe` are never touched). */
  async update(id: string, patch: HackathonPatch): Promise<HackathonView | null> {
    const $set: Record<string, unknown> = {};
    for (const k of ['nom', 'description', 'objectifs', 'anonymatActif'] as const)
      if (patch[k] !== undefined) $set[k] = patch[k];
    if (patch.dates?.debut) $set['dates.debut'] = patch.dates.debut;
    if (patch.dates?.fin) $set['dates.fin'] = patch.dates.fin;
    if (patch.quotas?.promptsParEtudiant !== undefined)
      $set['quotas.promptsParEtudiant'] = patch.quotas.promptsParEtudiant;
    if (patch.quotas?.tokensParEtudiant !== undefined)
      $set['quotas.tokensParEtudiant'] = patch.quotas.tokensParEtudiant;
    if (patch.taches) $set.taches = toStoredTasks(patch.taches);
    const doc = await this.hackathons
      .findOneAndUpdate({ _id: id }, { $set, $inc: { revision: 1 } }, { new: true })
      .lean();
    return doc ? toHackathonView(doc) : null;
  }

  /**
   * The status of a hackathon. If the transition log is ahead of the document (a process died
   * between recording a transition and applying it), the document is rolled forward first.
   */
  async findState(id: string): Promise<HackathonState | null> {
    const [doc, last] = await Promise.all([
      this.hackathons.findById(id, { statut: 1, statusVersion: 1 }).lean(),
      this.transitions
        .findOne({ hackathonId: new Types.ObjectId(id) })
        .sort({ seq: -1 })
        .lean(),
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
  async recordTransition(t: TransitionRecord): Promise<boolean> {
    try {
      await this.transitions.create({
        hackathonId: new Types.ObjectId(t.hackathonId),
        seq: t.seq,
        from: t.from,
        to: t.to,
        by: t.by ? new Types.ObjectId(t.by) : null,
        at: t.at,
      });
      return true;
    } catch (err) {
      if (isDuplicate(err)) return false;
      throw err;
    }
  }

  /** Applies recorded transition `seq` to the document, unless it is already there (idempotent). */
  async applyTransition(id: string, seq: number, statut: HackathonStatut, at: Date): Promise<HackathonView | null> {
    const $set: Record<string, unknown> = { statut, statusVersion: seq };
    if (statut === 'Archivé') $set['dates.archiveLe'] = at;
    const doc = await this.hackathons
      .findOneAndUpdate({ _id: id, statusVersion: { $lt: seq } }, { $set, $inc: { revision: 1 } }, { new: true })
      .lean();
    return doc ? toHackathonView(doc) : this.findById(id);
  }

  async transitionsOf(id: string): Promise<TransitionRecord[]> {
    const rows = await this.transitions
      .find({ hackathonId: new Types.ObjectId(id) })
      .sort({ seq: 1 })
      .lean();
    return rows.map((r) => ({
      hackathonId: String(r.hackathonId),
      seq: r.seq,
      from: r.from as HackathonStatut,
      to: r.to as HackathonStatut,
      by: r.by ? String(r.by) : null,
      at: r.at,
    }));
  }
}
