import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Public } from '../../../libs/http';
import { VerifyMagicLinkDto } from './verify-magic-link.dto';
import { VerifyMagicLinkUseCase } from './verify-magic-link.usecase';
import { SignedIn } from '../identity.response';
import { IdentityErrors } from '../identity.errors';

@ApiTags('identity')
@Controller('auth/magic-link')
export class VerifyMagicLinkController {
  constructor(private readonly verify: VerifyMagicLinkUseCase) {}

  @Public()
  @Post('verify')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'auth.verifyMagicLink',
    summary: 'Échange un jeton de lien de connexion contre une session ; 401 MAGIC_LINK_INVALID',
  })
  @ApiErrors(IdentityErrors.magicLinkInvalid())
  handle(@Body() dto: VerifyMagicLinkDto): Promise<SignedIn> {
    return this.verify.execute(dto.token);
  }
}
