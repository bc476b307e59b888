import { Body, Controller, HttpCode, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, AuthUser, CurrentUser, RateLimitRule } from '../../../libs/http';
import { ChangePasswordDto } from './change-password.dto';
import { ChangePasswordUseCase } from './change-password.usecase';
import { IdentityErrors } from '../identity.errors';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('users/me')
export class ChangePasswordController {
  constructor(private readonly change: ChangePasswordUseCase) {}

  @RateLimitRule('password-change')
  @Put('password')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'users.changeMyPassword',
    summary:
      'Change son mot de passe (currentPassword requis s’il en existe un ; faux : 401 INVALID_CREDENTIALS) ; les autres sessions se terminent',
  })
  @ApiErrors(IdentityErrors.invalidCredentials())
  async handle(@CurrentUser() caller: AuthUser, @Body() dto: ChangePasswordDto): Promise<void> {
    await this.change.execute(caller, dto);
  }
}
