import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../../libs/http';
import { RegisterDto } from './register.dto';
import { RegisterUseCase } from './register.usecase';

@ApiTags('identity')
@Controller('auth')
export class RegisterController {
  constructor(private readonly register: RegisterUseCase) {}

  @Public()
  @Post('register')
  @HttpCode(201)
  @ApiOperation({
    operationId: 'auth.register',
    summary: 'Inscription (rôle student, consentement RGPD requis ; fermée par défaut) ; 409 EMAIL_TAKEN',
  })
  async handle(@Body() dto: RegisterDto) {
    return { user: await this.register.execute(dto) };
  }
}
