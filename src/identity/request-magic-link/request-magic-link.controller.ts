import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CommonErrors, EmptyResponse, Public, RateLimitRule } from '../../../libs/http';
import { RequestMagicLinkDto } from './request-magic-link.dto';
import { RequestMagicLinkUseCase } from './request-magic-link.usecase';

@ApiTags('identity')
@Controller('auth/magic-link')
export class RequestMagicLinkController {
  constructor(private readonly request: RequestMagicLinkUseCase) {}

  @Public()
  @RateLimitRule('magic-link')
  @Post()
  @HttpCode(202)
  @ApiOperation({
    operationId: 'auth.requestMagicLink',
    summary: 'Demande un lien de connexion ; toujours 202 (aucun indice sur l’existence du compte)',
  })
  @ApiErrors(CommonErrors.queueUnavailable())
  async handle(@Body() dto: RequestMagicLinkDto): Promise<EmptyResponse> {
    await this.request.execute(dto.email);
    return {};
  }
}
