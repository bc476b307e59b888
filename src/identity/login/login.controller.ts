import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Public, RateLimitRule } from '../../../libs/http';
import { LoginDto } from './login.dto';
import { LoginUseCase } from './login.usecase';
import { SignedIn } from '../identity.response';
import { IdentityErrors } from '../identity.errors';

@ApiTags('identity')
@Controller('auth')
export class LoginController {
  constructor(private readonly login: LoginUseCase) {}

  @Public()
  @RateLimitRule('login')
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'auth.login',
    summary: 'Connexion par mot de passe → accessToken, refreshToken ; 401 INVALID_CREDENTIALS ; 5/min par IP+email',
  })
  @ApiErrors(IdentityErrors.invalidCredentials())
  handle(@Body() dto: LoginDto): Promise<SignedIn> {
    return this.login.execute(dto.email, dto.password);
  }
}
