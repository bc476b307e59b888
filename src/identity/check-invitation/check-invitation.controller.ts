import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Public } from '../../../libs/http';
import { CheckInvitationDto } from './check-invitation.dto';
import { CheckInvitationUseCase } from './check-invitation.usecase';
import { InvitationCheck } from '../identity.response';
import { IdentityErrors } from '../identity.errors';

@ApiTags('identity')
@Controller('auth/invitation')
export class CheckInvitationController {
  constructor(private readonly check: CheckInvitationUseCase) {}

  // Limited like the other link routes (the default per-IP limit): a token holds 256 random bits.
  @Public()
  @Post('check')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'auth.checkInvitation',
    summary: 'Dit ce qu’un lien d’invitation active (compte, hackathon, qui invite) sans l’utiliser',
    description:
      'Le lien reste utilisable ensuite par POST /auth/invitation/accept. Inconnu, déjà utilisé, remplacé ' +
      'par une nouvelle invitation ou expiré : 401 INVITATION_INVALID, pour que la page le dise dès l’arrivée.',
  })
  @ApiErrors(IdentityErrors.invitationInvalid())
  handle(@Body() dto: CheckInvitationDto): Promise<InvitationCheck> {
    return this.check.execute(dto.token);
  }
}
