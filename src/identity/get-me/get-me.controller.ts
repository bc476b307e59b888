import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AllowNoRole, AuthUser, CurrentUser } from '../../../libs/http';
import { CurrentProfile } from '../auth.guards';
import { GetMeUseCase } from './get-me.usecase';
import { PublicUser, UserResponse } from '../identity.response';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('auth')
export class GetMeController {
  constructor(private readonly getMe: GetMeUseCase) {}

  @AllowNoRole()
  @Get('me')
  @ApiOperation({ operationId: 'auth.me', summary: 'L’utilisateur connecté (accessible aussi sans rôle attribué)' })
  async handle(@CurrentUser() caller: AuthUser, @CurrentProfile() profile?: PublicUser): Promise<UserResponse> {
    // The guard read the user already (a bearer token); a read of our own otherwise.
    return { user: profile ?? (await this.getMe.execute(caller.id)) };
  }
}
