import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CommonErrors, EmptyResponse, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { ResendInvitationUseCase } from './resend-invitation.usecase';
import { IdentityErrors } from '../identity.errors';

@ApiTags('identity (admin)')
@ApiBearerAuth()
@Roles('admin')
@Controller('users')
export class ResendInvitationController {
  constructor(private readonly resend: ResendInvitationUseCase) {}

  @Post(':id/invitation')
  @HttpCode(202)
  @ApiOperation({
    operationId: 'users.resendInvitation',
    summary: 'Renvoie une invitation par mail ; le lien précédent cesse de fonctionner',
  })
  @ApiErrors(IdentityErrors.userNotFound(), CommonErrors.queueUnavailable())
  async handle(@Param('id', ParseObjectIdPipe) id: string): Promise<EmptyResponse> {
    await this.resend.execute(id);
    return {};
  }
}
