import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, AuthUser, CurrentUser, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { DeleteUserUseCase } from './delete-user.usecase';
import { IdentityErrors } from '../identity.errors';

@ApiTags('identity (admin)')
@ApiBearerAuth()
@Roles('admin')
@Controller('users')
export class DeleteUserController {
  constructor(private readonly deleteUser: DeleteUserUseCase) {}

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'users.delete',
    summary: 'Suppression douce : l’utilisateur ne peut plus se connecter, ses sessions se terminent',
    description: 'Un administrateur ne supprime pas son propre compte : 409 SELF_CHANGE_REFUSED.',
  })
  @ApiErrors(IdentityErrors.userNotFound(), IdentityErrors.selfChangeRefused('delete'))
  async handle(@Param('id', ParseObjectIdPipe) id: string, @CurrentUser() caller: AuthUser): Promise<void> {
    await this.deleteUser.execute(id, caller.id);
  }
}
