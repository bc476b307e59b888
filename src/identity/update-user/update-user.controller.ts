import { Body, Controller, Param, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, AuthUser, CurrentUser, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { UpdateUserDto } from './update-user.dto';
import { UpdateUserUseCase } from './update-user.usecase';
import { UserResponse } from '../identity.response';
import { IdentityErrors } from '../identity.errors';

@ApiTags('identity (admin)')
@ApiBearerAuth()
@Roles('admin')
@Controller('users')
export class UpdateUserController {
  constructor(private readonly updateUser: UpdateUserUseCase) {}

  @Patch(':id')
  @ApiOperation({
    operationId: 'users.update',
    summary:
      'Modifie rôle, tokensAuthorized, email ou profil ; rôle et email audités ; un changement de rôle termine ses sessions',
    description: 'Un administrateur ne change pas son propre rôle : 409 SELF_CHANGE_REFUSED.',
  })
  @ApiErrors(IdentityErrors.userNotFound(), IdentityErrors.emailTaken(), IdentityErrors.selfChangeRefused('role'))
  async handle(
    @Param('id', ParseObjectIdPipe) id: string,
    @Body() dto: UpdateUserDto,
    @CurrentUser() caller: AuthUser,
  ): Promise<UserResponse> {
    return { user: await this.updateUser.execute(id, dto, caller.id) };
  }
}
