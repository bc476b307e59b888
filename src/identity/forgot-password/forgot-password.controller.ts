import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CommonErrors, EmptyResponse, Public, RateLimitRule } from '../../../libs/http';
import { ForgotPasswordDto } from './forgot-password.dto';
import { ForgotPasswordUseCase } from './forgot-password.usecase';

@ApiTags('identity')
@Controller('auth/password')
export class ForgotPasswordController {
  constructor(private readonly forgot: ForgotPasswordUseCase) {}

  @Public()
  @RateLimitRule('password-forgot')
  @Post('forgot')
  @HttpCode(202)
  @ApiOperation({
    operationId: 'auth.forgotPassword',
    summary: 'Envoie un lien de réinitialisation (1 h, une fois) ; toujours 202',
  })
  @ApiErrors(CommonErrors.queueUnavailable())
  async handle(@Body() dto: ForgotPasswordDto): Promise<EmptyResponse> {
    await this.forgot.execute(dto.email);
    return {};
  }
}
