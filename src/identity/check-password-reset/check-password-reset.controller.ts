import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Public } from '../../../libs/http';
import { CheckPasswordResetDto } from './check-password-reset.dto';
import { CheckPasswordResetUseCase } from './check-password-reset.usecase';
import { PasswordResetCheck } from '../identity.response';
import { IdentityErrors } from '../identity.errors';

@ApiTags('identity')
@Controller('auth/password')
export class CheckPasswordResetController {
  constructor(private readonly check: CheckPasswordResetUseCase) {}

  // Limited like the other link routes (the default per-IP limit): a token holds 256 random bits.
  @Public()
  @Post('check')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'auth.checkPasswordReset',
    summary: 'Dit quel compte un lien de réinitialisation concerne, sans l’utiliser',
    description:
      'Le lien reste utilisable ensuite par POST /auth/password/reset. Inconnu, déjà utilisé, remplacé ou ' +
      'expiré : 401 PASSWORD_RESET_INVALID.',
  })
  @ApiErrors(IdentityErrors.passwordResetInvalid())
  handle(@Body() dto: CheckPasswordResetDto): Promise<PasswordResetCheck> {
    return this.check.execute(dto.token);
  }
}
