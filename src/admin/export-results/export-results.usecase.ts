import { Injectable } from '@nestjs/common';
import type { ExportResultsJob, ProgressReporter } from '../../../libs/queue';
import { EvaluationResults } from '../../evaluation';
import { HackathonCatalog } from '../../hackathon';
import { downloadUrlOf, ExportedFile, ExportRepository } from '../export.repository';
import { resultRow, toCsv } from './results-csv';

/**
 * One CSV of a hackathon's submissions with their grades, comments and leaderboard rank, built
 * from the evaluation context's ranked results. For the admin it names the students by default
 * — anonymous hackathons too: anonymity protects students from examiners, not from the school —
 * and carries the pseudonyms only when asked (`pseudonymes: true`). Unknown hackathon: the
 * hackathon context's `404 HACKATHON_NOT_FOUND`, a final failure.
 */
@Injectable()
export class ExportResultsUseCase {
  constructor(
    private readonly results: EvaluationResults,
    private readonly hackathons: HackathonCatalog,
    private readonly exports: ExportRepository,
  ) {}

  async execute(data: ExportResultsJob, jobId: string, progress: ProgressReporter): Promise<ExportedFile> {
    const [board, comments, hackathon] = await Promise.all([
      this.results.of(data.hackathonId, { role: 'admin' }),
      this.results.commentsOf(data.hackathonId),
      this.hackathons.viewOf(data.hackathonId),
    ]);
    await progress(50);
    const pseudonymes = data.pseudonymes === true;
    const tasks = new Map(hackathon.taches.map((t) => [t.id, t.titre]));
    const csv = toCsv(
      board.items.map((item) =>
        resultRow(item, pseudonymes, {
          hackathon: hackathon.nom,
          tache: tasks.get(item.tacheId) ?? null,
          comments: comments.get(item.conversationId) ?? [],
        }),
      ),
    );
    const filename = `resultats-${data.hackathonId}.csv`;
    const exportId = await this.exports.save(
      {
        jobId,
        kind: 'results',
        hackathonId: data.hackathonId,
        filename,
        contentType: 'text/csv; charset=utf-8',
        rows: board.items.length,
        requestedBy: data.requestedBy,
      },
      [csv],
    );
    await progress(95);
    return {
      hackathonId: data.hackathonId,
      exportId,
      rows: board.items.length,
      pseudonymes,
      filename,
      downloadUrl: downloadUrlOf(exportId),
    };
  }
}
