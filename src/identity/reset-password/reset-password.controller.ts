import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Public } from '../../../libs/http';
import { ResetPasswordDto } from './reset-password.dto';
import { ResetPasswordUseCase } from './reset-password.usecase';
import { SignedIn } from '../identity.response';
import { IdentityErrors } from '../identity.errors';

@ApiTags('identity')
@Controller('auth/password')
export class ResetPasswordController {
  constructor(private readonly reset: ResetPasswordUseCase) {}

  @Public()
  @Post('reset')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'auth.resetPassword',
    summary:
      'Nouveau mot de passe par lien de réinitialisation ; toutes les sessions se terminent ; 401 PASSWORD_RESET_INVALID',
  })
  @ApiErrors(IdentityErrors.passwordResetInvalid())
  handle(@Body() dto: ResetPasswordDto): Promise<SignedIn> {
    return this.reset.execute(dto.token, dto.password);
  }
}
