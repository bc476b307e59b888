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
  @ApiProduces('text/csv', 'application/x-ndjson')
  @ApiOkResponse({
    description: 'Le fichier (Content-Disposition: attachment) : CSV des résultats ou JSON Lines des conversations',
    content: {
      'text/csv': { schema: { type: 'string' } },
      'application/x-ndjson': { schema: { type: 'string' } },
    },
  })
  @ApiOperation({
    operationId: 'admin.downloadExport',
    summary: 'Télécharge un export produit par export-results (CSV) ou export-conversations (JSON Lines)',
  })
  @ApiErrors(AdminErrors.exportNotFound())
  async get(@Param('id', ParseObjectIdPipe) id: string, @Res() res: Response) {
    const { file, content } = await this.download.execute(id);
    res.status(200).set({
      'Content-Type': file.contentType,
      'Content-Disposition': `attachment; filename="${file.filename}"`,
      'Cache-Control': 'no-store',
    });
    for await (const piece of content) if (!res.write(piece)) await new Promise((r) => res.once('drain', r));
    res.end();
  }
}
