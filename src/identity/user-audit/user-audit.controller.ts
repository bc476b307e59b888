import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { UserAuditUseCase } from './user-audit.usecase';
import { AuditResponse } from '../identity.response';
import { IdentityErrors } from '../identity.errors';

@ApiTags('identity (admin)')
@ApiBearerAuth()
@Roles('admin')
@Controller('users')
export class UserAuditController {
  constructor(private readonly userAudit: UserAuditUseCase) {}

  @Get(':id/audit')
  @ApiOperation({
    operationId: 'users.audit',
    summary: 'Journal d’audit d’un utilisateur (création, changements de rôle ou d’email, suppression)',
  })
  @ApiErrors(IdentityErrors.userNotFound())
  async handle(@Param('id', ParseObjectIdPipe) id: string): Promise<AuditResponse> {
    return { items: await this.userAudit.execute(id) };
  }
}
