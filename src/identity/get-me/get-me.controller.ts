import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AllowNoRole, AuthUser, CurrentUser } from '../../../libs/http';
import { GetMeUseCase } from './get-me.usecase';
import { UserResponse } from '../identity.response';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('auth')
export class GetMeController {
  constructor(private readonly getMe: GetMeUseCase) {}

  @AllowNoRole()
  @Get('me')
  @ApiOperation({ operationId: 'auth.me', summary: 'L’utilisateur connecté (accessible aussi sans rôle attribué)' })
  async handle(@CurrentUser() caller: AuthUser): Promise<UserResponse> {
    return { user: await this.getMe.execute(caller.id) };
  }
}
