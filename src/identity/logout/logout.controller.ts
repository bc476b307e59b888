import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AllowNoRole, AuthUser, CurrentUser } from '../../../libs/http';
import { RefreshTokenDto } from '../token.dto';
import { LogoutUseCase } from './logout.usecase';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('auth')
export class LogoutController {
  constructor(private readonly logout: LogoutUseCase) {}

  @AllowNoRole()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ operationId: 'auth.logout', summary: 'Termine la session de ce refreshToken (204)' })
  async handle(@Body() dto: RefreshTokenDto, @CurrentUser() caller: AuthUser): Promise<void> {
    await this.logout.execute(dto.refreshToken, caller.id);
  }
}
