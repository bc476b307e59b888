import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../libs/http';
import { ListUsersQuery } from './list-users.dto';
import { ListUsersUseCase } from './list-users.usecase';
import { UserPage } from '../identity.response';

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
  })
  handle(@Query() q: ListUsersQuery): Promise<UserPage> {
    return this.listUsers.execute(q);
  }
}
