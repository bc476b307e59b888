import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, AuthUser, CurrentUser, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { EraseUserUseCase } from './erase-user.usecase';
import { ErasedUser } from '../admin.response';
import { AdminErrors } from '../admin.errors';
import { IdentityErrors } from '../../identity';

@ApiTags('rgpd')
@ApiBearerAuth()
@Controller('admin/users')
export class EraseUserController {
  constructor(private readonly eraseUser: EraseUserUseCase) {}

  @Roles('admin')
  @Post(':id/erase')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'admin.eraseUser',
    summary: 'RGPD : efface les données personnelles d’un utilisateur (statistiques conservées)',
    description: 'Un administrateur n’efface pas son propre compte : 409 SELF_CHANGE_REFUSED.',
  })
  @ApiErrors(AdminErrors.userNotFound(), IdentityErrors.selfChangeRefused('erase'))
  erase(@Param('id', ParseObjectIdPipe) id: string, @CurrentUser() caller: AuthUser): Promise<ErasedUser> {
    return this.eraseUser.execute(id, caller.id);
  }
}
