import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Public } from '../../../libs/http';
import { RefreshTokenDto } from '../token.dto';
import { RefreshSessionUseCase } from './refresh-session.usecase';
import { SessionTokens } from '../identity.response';
import { IdentityErrors } from '../identity.errors';

@ApiTags('identity')
@Controller('auth')
export class RefreshSessionController {
  constructor(private readonly refresh: RefreshSessionUseCase) {}

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'auth.refresh',
    summary:
      'Nouveaux jetons contre le refreshToken (utilisable une fois) ; un jeton déjà utilisé termine la session : 401 REFRESH_TOKEN_INVALID',
  })
  @ApiErrors(IdentityErrors.refreshTokenInvalid())
  handle(@Body() dto: RefreshTokenDto): Promise<SessionTokens> {
    return this.refresh.execute(dto.refreshToken);
  }
}
