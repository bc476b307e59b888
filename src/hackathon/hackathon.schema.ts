import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, Types } from 'mongoose';
import { STATUTS } from './hackathon-status';

/** docs/data-model.md §5.2. `archiveLe` is set by the transition to `Archivé`, never by a client. */
@Schema({ _id: false })
export class HackathonDates {
  @Prop({ type: Date, required: true }) debut: Date;
  @Prop({
    type: Date,
    required: true,
    validate: {
      validator(this: { debut?: unknown } | undefined, fin: Date) {
        // Runs on create; updates are checked by the use case against the stored dates.
        const debut = this?.debut;
        return !(debut instanceof Date) || fin.getTime() > debut.getTime();
      },
      message: 'La date de fin doit être postérieure à la date de début',
    },
  })
  fin: Date;
  @Prop({ type: Date, default: null }) archiveLe?: Date | null;
}

/** docs/data-model.md §5.3. */
@Schema({ _id: false })
export class HackathonQuotas {
  @Prop({ type: Number, required: true, min: 1 }) promptsParEtudiant: number;
  @Prop({ type: Number, required: true, min: 1 }) tokensParEtudiant: number;
  /** docs/api.md 1.2: what the automatic checks may spend in the whole hackathon (absent on older documents: the default). */
  @Prop({ type: Number, min: 0 }) tokensVerification?: number;
}

/** docs/api.md 1.2's ranking weights (absent on older documents: {1, 0}). */
@Schema({ _id: false })
export class HackathonClassement {
  @Prop({ type: Number, required: true, min: 0, max: 1 }) poidsNote: number;
  @Prop({ type: Number, required: true, min: 0, max: 1 }) poidsScore: number;
}

/** A task: the subdocument `_id` is the stable `tacheId` other contexts refer to. */
@Schema({ _id: true, id: false })
export class HackathonTache {
  _id: Types.ObjectId;
  @Prop({ type: String, required: true, trim: true }) titre: string;
  @Prop({ type: String, default: null }) consigne?: string | null;
  @Prop({ type: String, default: null }) systeme?: string | null;
  /**
   * The task's `verification` as JSON text: JSON Schemas hold `$`-keys (`$schema`, `$ref`) and
   * keys with dots that stored documents restrict, and nothing ever queries inside it.
   */
  @Prop({ type: String, default: null }) verificationJson?: string | null;
}

/**
 * docs/data-model.md §5.1. `statusVersion` counts the transitions applied to this document; the winner of
 * transition number n is the one whose row (hackathonId, n) got into `hackathon_transitions`.
 * `revision` counts every write (optimistic checks on updates).
 */
@Schema({ collection: 'hackathons', timestamps: true })
export class Hackathon {
  @Prop({ type: String, required: [true, 'Nom requis'], trim: true }) nom: string;
  @Prop({ type: String, default: '' }) description: string;
  @Prop({ type: String, default: '' }) objectifs: string;
  @Prop({ type: SchemaFactory.createForClass(HackathonDates), required: true }) dates: HackathonDates;
  @Prop({ type: Boolean, default: false }) anonymatActif: boolean;
  @Prop({ type: SchemaFactory.createForClass(HackathonQuotas), required: true }) quotas: HackathonQuotas;
  @Prop({ type: [SchemaFactory.createForClass(HackathonTache)], default: [] }) taches: HackathonTache[];
  /** docs/api.md 1.2: the models students may pick; empty: every model of GET /ai/models. */
  @Prop({ type: [String], default: [] }) modeles?: string[];
  @Prop({ type: SchemaFactory.createForClass(HackathonClassement) }) classement?: HackathonClassement;
  @Prop({ type: String, enum: STATUTS, default: 'Brouillon' }) statut: string;
  @Prop({ type: Number, default: 0 }) statusVersion: number;
  @Prop({ type: Number, default: 0 }) revision: number;
  /** docs/api.md 1.1: `liste` opens it only to the students on its roster (`hackathon_participants`). */
  @Prop({ type: String, enum: ['tous', 'liste'], default: 'tous' }) acces: 'tous' | 'liste';
  /** Students see their grades once the admin publishes them (a `Terminé` hackathon). */
  @Prop({ type: Boolean, default: false }) resultatsPublies: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type HackathonDocument = HydratedDocument<Hackathon>;
export const HackathonSchema = SchemaFactory.createForClass(Hackathon);
// docs/data-model.md §5.6 / 9.1.
HackathonSchema.index({ statut: 1, 'dates.debut': -1 });
HackathonSchema.index({ 'dates.debut': 1, 'dates.fin': 1 });
// Built on MongoDB only (IndexBuilder skips text indexes on FerretDB); nothing uses `$text`:
// search is an escaped case-insensitive `$regex` that works on both engines.
HackathonSchema.index({ nom: 'text', description: 'text' });

/**
 * One row per applied status transition. The unique index on (hackathonId, seq) makes
 * "exactly one transition n per hackathon" atomic on MongoDB and FerretDB alike (FerretDB's
 * conditional updates are not); it is also the history of who changed what, and when.
 */
@Schema({ collection: 'hackathon_transitions', timestamps: false })
export class HackathonTransition {
  @Prop({ type: Types.ObjectId, required: true }) hackathonId: Types.ObjectId;
  @Prop({ type: Number, required: true, min: 1 }) seq: number;
  @Prop({ type: String, enum: STATUTS, required: true }) from: string;
  @Prop({ type: String, enum: STATUTS, required: true }) to: string;
  @Prop({ type: Types.ObjectId, default: null }) by: Types.ObjectId | null;
  @Prop({ type: Date, required: true }) at: Date;
}
export const HackathonTransitionSchema = SchemaFactory.createForClass(HackathonTransition);
HackathonTransitionSchema.index({ hackathonId: 1, seq: 1 }, { unique: true });

/** An examiner attached to a hackathon's jury by an admin (one document per pair). */
@Schema({ collection: 'hackathon_examiners', timestamps: false })
export class HackathonExaminer {
  @Prop({ type: Types.ObjectId, required: true }) hackathonId: Types.ObjectId;
  @Prop({ type: Types.ObjectId, required: true }) examinerId: Types.ObjectId;
  @Prop({ type: Date, required: true }) attachedAt: Date;
  @Prop({ type: Types.ObjectId, required: true }) attachedBy: Types.ObjectId;
}
export const HackathonExaminerSchema = SchemaFactory.createForClass(HackathonExaminer);
HackathonExaminerSchema.index({ hackathonId: 1, examinerId: 1 }, { unique: true });
HackathonExaminerSchema.index({ examinerId: 1 });

/**
 * A student in a hackathon: on its roster (used when `acces` is `liste`) and/or with quotas
 * of their own there (docs/api.md 1.1, `PUT /hackathons/:id/quotas/:studentId`). One per pair.
 */
@Schema({ collection: 'hackathon_participants', timestamps: true })
export class HackathonParticipant {
  @Prop({ type: Types.ObjectId, required: true }) hackathonId: Types.ObjectId;
  @Prop({ type: Types.ObjectId, required: true }) studentId: Types.ObjectId;
  @Prop({ type: Boolean, default: false }) onRoster: boolean;
  @Prop({ type: Number, default: null, min: 1 }) promptsParEtudiant?: number | null;
  @Prop({ type: Number, default: null, min: 1 }) tokensParEtudiant?: number | null;
  createdAt: Date;
  updatedAt: Date;
}
export const HackathonParticipantSchema = SchemaFactory.createForClass(HackathonParticipant);
HackathonParticipantSchema.index({ hackathonId: 1, studentId: 1 }, { unique: true });
HackathonParticipantSchema.index({ studentId: 1, onRoster: 1 });
