import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../../../libs/http';
import { RoleInput } from '../role-input';
import { ROLE_INPUTS } from '../roles';

export class ListUsersQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'student | examiner | admin (alias acceptés)' })
  @IsOptional()
  @RoleInput()
  @IsIn(ROLE_INPUTS, { message: 'rôle inconnu' })
  role?: string;
}
