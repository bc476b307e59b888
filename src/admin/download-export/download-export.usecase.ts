import { Injectable } from '@nestjs/common';
import { AdminErrors } from '../admin.errors';
import { ExportRepository, StoredExport } from '../export.repository';

/** One file an export job produced: what it is, and its content piece by piece. */
@Injectable()
export class DownloadExportUseCase {
  constructor(private readonly exports: ExportRepository) {}

  async execute(id: string): Promise<{ file: StoredExport; content: AsyncGenerator<string> }> {
    const file = await this.exports.findById(id);
    if (!file) throw AdminErrors.exportNotFound();
    return { file, content: this.exports.contentOf(id) };
  }
}
