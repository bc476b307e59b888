import type { EvaluationRecord } from '../../../src/evaluation/evaluation.repository';

/**
 * Test-data builder for evaluations, shared by unit and e2e tests. `build()` gives the body of
 * POST /evaluations; `buildRecord()` a stored evaluation as the evaluation context's repository
 * answers it (for use cases tested with a fake repository).
 *
 * Defaults: note 7.5 ("Bien"), a comment long enough for the 10-character rule.
 */
export interface EvaluationBody {
  conversationId: string;
  note: unknown;
  comment: unknown;
}

/** A stored evaluation as the evaluation context's repository answers it. */
export type EvaluationRecordData = EvaluationRecord;

let counter = 0;
const hex24 = (n: number) => n.toString(16).padStart(24, '0');

export class EvaluationBuilder {
  private body: EvaluationBody;

  private constructor(conversationId: string) {
    this.body = { conversationId, note: 7.5, comment: `Prompt précis, réponse bien exploitée (${++counter}).` };
  }

  static anEvaluation(conversationId: string = hex24(0xc0000000 + counter + 1)): EvaluationBuilder {
    return new EvaluationBuilder(conversationId);
  }

  of(conversationId: string): this {
    this.body.conversationId = conversationId;
    return this;
  }

  /** Any value, so invalid notes ("8", null, 7.3) can be sent too. */
  withNote(note: unknown): this {
    this.body.note = note;
    return this;
  }

  withComment(comment: unknown): this {
    this.body.comment = comment;
    return this;
  }

  /** Raw overrides (unknown fields included, to test that they are refused). */
  with(overrides: Record<string, unknown>): this {
    this.body = { ...this.body, ...overrides } as EvaluationBody;
    return this;
  }

  build(): EvaluationBody {
    return { ...this.body };
  }

  buildRecord(overrides: Partial<EvaluationRecordData> = {}): EvaluationRecordData {
    const n = ++counter;
    const at = new Date(Date.UTC(2025, 2, 10, 12, 0, n % 60)).toISOString();
    return {
      id: hex24(0xe0000000 + n),
      conversationId: this.body.conversationId,
      studentId: hex24(0x50000000 + n),
      examinerId: hex24(0xe8000000 + n),
      hackathonId: hex24(0xa0000000 + n),
      tacheId: hex24(0xd0000000 + n),
      note: typeof this.body.note === 'number' ? this.body.note : 7.5,
      comment: typeof this.body.comment === 'string' ? this.body.comment.trim() : 'Commentaire par défaut',
      gradedAt: at,
      createdAt: at,
      updatedAt: at,
      ...overrides,
    };
  }
}

export const anEvaluation = (conversationId?: string) => EvaluationBuilder.anEvaluation(conversationId);
