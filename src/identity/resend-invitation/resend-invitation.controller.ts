import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ParseObjectIdPipe, Roles } from '../../../libs/http';
import { ResendInvitationUseCase } from './resend-invitation.usecase';

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
  async handle(@Param('id', ParseObjectIdPipe) id: string) {
    await this.resend.execute(id);
    return {};
  }
}
