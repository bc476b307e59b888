import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApiErrors,
  AuthUser,
  CommonErrors,
  CurrentUser,
  EmptyResponse,
  ParseObjectIdPipe,
  Roles,
} from '../../../libs/http';
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
    description:
      'Le mail nomme l’administrateur qui renvoie et, pour un compte importé dans un hackathon, ce hackathon. ' +
      'L’invitation repasse « en_attente » dans GET /users.',
  })
  @ApiErrors(IdentityErrors.userNotFound(), CommonErrors.queueUnavailable())
  async handle(@Param('id', ParseObjectIdPipe) id: string, @CurrentUser() caller: AuthUser): Promise<EmptyResponse> {
    await this.resend.execute(id, caller.id);
    return {};
  }
}
