import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../libs/http';
import { RoleStatsUseCase } from './role-stats.usecase';
import { RoleCount } from '../identity.response';

@ApiTags('identity (admin)')
@ApiBearerAuth()
@Roles('admin')
@Controller('users')
export class RoleStatsController {
  constructor(private readonly roleStats: RoleStatsUseCase) {}

  @Get('stats/roles')
  @ApiOperation({ operationId: 'users.roleStats', summary: 'Nombre d’utilisateurs par rôle, le plus grand d’abord' })
  handle(): Promise<RoleCount[]> {
    return this.roleStats.execute();
  }
}
