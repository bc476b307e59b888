import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { CreateUserDto, ListUsersQuery, UpdateUserDto } from './manage-users.dto';
import {
  CreateUserUseCase,
  DeleteUserUseCase,
  GetUserUseCase,
  ListUsersUseCase,
  RoleStatsUseCase,
  UpdateUserUseCase,
  UserAuditUseCase,
} from './manage-users.usecases';

@ApiTags('identity (admin)')
@ApiBearerAuth()
@Roles('admin')
@Controller('users')
export class ManageUsersController {
  constructor(
    private readonly listUsers: ListUsersUseCase,
    private readonly roleStats: RoleStatsUseCase,
    private readonly getUser: GetUserUseCase,
    private readonly createUser: CreateUserUseCase,
    private readonly updateUser: UpdateUserUseCase,
    private readonly deleteUser: DeleteUserUseCase,
    private readonly userAudit: UserAuditUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Utilisateurs paginés, les plus récents d’abord ; filtre par rôle (alias acceptés)' })
  list(@Query() q: ListUsersQuery) {
    return this.listUsers.execute(q);
  }

  @Get('stats/roles')
  @ApiOperation({ summary: 'Nombre d’utilisateurs par rôle, le plus grand d’abord' })
  stats() {
    return this.roleStats.execute();
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Crée un utilisateur de n’importe quel rôle ; mot de passe facultatif (lien magique)' })
  async create(@Body() dto: CreateUserDto, @CurrentUser() caller: AuthUser) {
    return { user: await this.createUser.execute(dto, caller.id) };
  }

  @Get(':id')
  async get(@Param('id', ParseObjectIdPipe) id: string) {
    return { user: await this.getUser.execute(id) };
  }

  @Get(':id/audit')
  @ApiOperation({ summary: 'Journal d’audit d’un utilisateur (création, changements de rôle ou d’email, suppression)' })
  async audit(@Param('id', ParseObjectIdPipe) id: string) {
    return { items: await this.userAudit.execute(id) };
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Modifie rôle, tokensAuthorized, email ou profil ; rôle et email audités' })
  async update(
    @Param('id', ParseObjectIdPipe) id: string,
    @Body() dto: UpdateUserDto,
    @CurrentUser() caller: AuthUser,
  ) {
    return { user: await this.updateUser.execute(id, dto, caller.id) };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Suppression douce : l’utilisateur ne peut plus se connecter' })
  async remove(@Param('id', ParseObjectIdPipe) id: string, @CurrentUser() caller: AuthUser) {
    await this.deleteUser.execute(id, caller.id);
  }
}
