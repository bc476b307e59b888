import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Public } from '../../../libs/http';
import { RegisterDto } from './register.dto';
import { RegisterUseCase } from './register.usecase';
import { UserResponse } from '../identity.response';
import { IdentityErrors } from '../identity.errors';

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
  @ApiErrors(IdentityErrors.registrationDisabled(), IdentityErrors.emailTaken())
  async handle(@Body() dto: RegisterDto): Promise<UserResponse> {
    return { user: await this.register.execute(dto) };
  }
}
