import { Controller, Get, Injectable, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ParseObjectIdPipe, Roles } from '../../../libs/http';
import { AdminErrors } from '../admin.errors';
import { ExportRepository, StoredExport } from './export.repository';

@Injectable()
export class DownloadExportUseCase {
  constructor(private readonly exports: ExportRepository) {}

  async execute(id: string): Promise<StoredExport> {
    const e = await this.exports.findById(id);
    if (!e) throw AdminErrors.exportNotFound();
    return e;
  }
}

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/exports')
export class ExportsController {
  constructor(private readonly download: DownloadExportUseCase) {}

  @Get(':id')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'Télécharge un export CSV (résultats d’un hackathon) produit par la tâche export-results' })
  async get(@Param('id', ParseObjectIdPipe) id: string, @Res() res: Response) {
    const e = await this.download.execute(id);
    res
      .status(200)
      .set({
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${e.filename}"`,
        'Cache-Control': 'no-store',
      })
      .send(Buffer.from(e.csv, 'utf8'));
  }
}
