import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public, RateLimitRule } from '../../../libs/http';
import { RequestMagicLinkDto, VerifyMagicLinkDto } from './magic-link.dto';
import { RequestMagicLinkUseCase } from './request-magic-link.usecase';
import { VerifyMagicLinkUseCase } from './verify-magic-link.usecase';

@ApiTags('identity')
@Controller('auth/magic-link')
export class MagicLinkController {
  constructor(
    private readonly request: RequestMagicLinkUseCase,
    private readonly verify: VerifyMagicLinkUseCase,
  ) {}

  @Public()
  @RateLimitRule('magic-link')
  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Demande un lien de connexion ; toujours 202 (aucun indice sur l’existence du compte)' })
  async ask(@Body() dto: RequestMagicLinkDto) {
    await this.request.execute(dto.email);
    return {};
  }

  @Public()
  @Post('verify')
  @HttpCode(200)
  @ApiOperation({ summary: 'Échange un jeton de lien magique contre un accessToken ; 401 MAGIC_LINK_INVALID' })
  async consume(@Body() dto: VerifyMagicLinkDto) {
    return this.verify.execute(dto.token);
  }
}
