import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AllowNoRole, AuthUser, CurrentUser } from '../../../libs/http';
import { GetMeUseCase, UpdateMeUseCase } from './me.usecases';
import { UpdateMeDto } from './update-me.dto';

@ApiTags('identity')
@ApiBearerAuth()
@Controller()
export class MeController {
  constructor(
    private readonly getMe: GetMeUseCase,
    private readonly updateMe: UpdateMeUseCase,
  ) {}

  @AllowNoRole()
  @Get('auth/me')
  @ApiOperation({ summary: 'L’utilisateur connecté (accessible aussi sans rôle attribué)' })
  async me(@CurrentUser() caller: AuthUser) {
    return { user: await this.getMe.execute(caller.id) };
  }

  @Patch('users/me')
  @ApiOperation({ summary: 'Modifie son propre profil ; role, email, tokens* → 400' })
  async update(@CurrentUser() caller: AuthUser, @Body() dto: UpdateMeDto) {
    return { user: await this.updateMe.execute(caller.id, dto) };
  }
}
