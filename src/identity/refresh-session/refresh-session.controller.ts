import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../../libs/http';
import { RefreshTokenDto } from '../token.dto';
import { RefreshSessionUseCase } from './refresh-session.usecase';

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
  handle(@Body() dto: RefreshTokenDto) {
    return this.refresh.execute(dto.refreshToken);
  }
}
