import { Injectable } from '@nestjs/common';
import type { ExportResultsJob, ProgressReporter } from '../../../libs/queue';
import { EvaluationResults } from '../../evaluation';
import { ExportRepository } from '../export.repository';
import { resultRow, toCsv } from './results-csv';

export interface ExportResultsResult {
  hackathonId: string;
  exportId: string;
  rows: number;
  anonymous: boolean;
  filename: string;
  /** Where the admin downloads the file (GET, admin token). */
  downloadUrl: string;
}

/**
 * One CSV of a hackathon's submissions with their grades and leaderboard rank, built from the
 * evaluation context's ranked results. When the hackathon is anonymous the file carries the
 * pseudonyms only (no student id, name, email, number or group). Unknown hackathon: the
 * hackathon context's `404 HACKATHON_NOT_FOUND`, a final failure.
 */
@Injectable()
export class ExportResultsUseCase {
  constructor(
    private readonly results: EvaluationResults,
    private readonly exports: ExportRepository,
  ) {}

  async execute(data: ExportResultsJob, jobId: string, progress: ProgressReporter): Promise<ExportResultsResult> {
    // The ranked results as an admin sees them; the identity is left out below when anonymous.
    const board = await this.results.of(data.hackathonId, { role: 'admin' });
    await progress(50);
    const anonymous = board.hackathon.anonymatActif;
    const csv = toCsv(board.items.map((item) => resultRow(item, anonymous)));
    const filename = `resultats-${data.hackathonId}.csv`;
    const exportId = await this.exports.save({
      jobId,
      hackathonId: data.hackathonId,
      filename,
      csv,
      rows: board.items.length,
      requestedBy: data.requestedBy,
    });
    await progress(95);
    return {
      hackathonId: data.hackathonId,
      exportId,
      rows: board.items.length,
      anonymous,
      filename,
      downloadUrl: `/api/v1/admin/exports/${exportId}`,
    };
  }
}
