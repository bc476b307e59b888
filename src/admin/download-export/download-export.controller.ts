import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrors, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { DownloadExportUseCase } from './download-export.usecase';
import { AdminErrors } from '../admin.errors';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/exports')
export class DownloadExportController {
  constructor(private readonly download: DownloadExportUseCase) {}

  @Get(':id')
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'Le fichier (Content-Disposition: attachment)',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  @ApiOperation({
    operationId: 'admin.downloadExport',
    summary: 'Télécharge un export CSV (résultats d’un hackathon) produit par la tâche export-results',
  })
  @ApiErrors(AdminErrors.exportNotFound())
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
