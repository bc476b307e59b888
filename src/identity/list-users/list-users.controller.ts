import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../libs/http';
import { ListUsersQuery } from './list-users.dto';
import { ListUsersUseCase } from './list-users.usecase';
import { AdminUserPage } from '../identity.response';

@ApiTags('identity (admin)')
@ApiBearerAuth()
@Roles('admin')
@Controller('users')
export class ListUsersController {
  constructor(private readonly listUsers: ListUsersUseCase) {}

  @Get()
  @ApiOperation({
    operationId: 'users.list',
    summary: 'Utilisateurs paginés, les plus récents d’abord ; filtre par rôle (alias acceptés)',
    description:
      'Chaque ligne porte `invitation` : {statut: en_attente | acceptee | expiree, envoyeeLe, accepteeLe, expireLe}, ' +
      'ou null pour un compte créé avec un mot de passe.',
  })
  handle(@Query() q: ListUsersQuery): Promise<AdminUserPage> {
    return this.listUsers.execute(q);
  }
}
