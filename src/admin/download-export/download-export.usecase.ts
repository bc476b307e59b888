import { Injectable } from '@nestjs/common';
import { AdminErrors } from '../admin.errors';
import { ExportRepository, StoredExport } from '../export.repository';

/** One file an `export-results` job produced. */
@Injectable()
export class DownloadExportUseCase {
  constructor(private readonly exports: ExportRepository) {}

  async execute(id: string): Promise<StoredExport> {
    const e = await this.exports.findById(id);
    if (!e) throw AdminErrors.exportNotFound();
    return e;
  }
}
