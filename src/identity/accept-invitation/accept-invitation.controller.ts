import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Public } from '../../../libs/http';
import { AcceptInvitationDto } from './accept-invitation.dto';
import { AcceptInvitationUseCase } from './accept-invitation.usecase';
import { SignedIn } from '../identity.response';
import { IdentityErrors } from '../identity.errors';

@ApiTags('identity')
@Controller('auth/invitation')
export class AcceptInvitationController {
  constructor(private readonly accept: AcceptInvitationUseCase) {}

  @Public()
  @Post('accept')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'auth.acceptInvitation',
    summary: 'Accepte une invitation (mot de passe facultatif) → session ; 401 INVITATION_INVALID',
  })
  @ApiErrors(IdentityErrors.invitationInvalid())
  handle(@Body() dto: AcceptInvitationDto): Promise<SignedIn> {
    return this.accept.execute(dto.token, dto.password);
  }
}
