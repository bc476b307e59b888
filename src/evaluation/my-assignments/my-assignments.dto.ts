import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsMongoId, IsOptional } from 'class-validator';
import { PageQuery } from '../../../libs/http';
import type { AssignmentStatus } from '../evaluation.schema';

export class MyAssignmentsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['pending', 'done'] })
  @IsOptional()
  @IsIn(['pending', 'done'])
  status?: AssignmentStatus;

  @ApiPropertyOptional({ description: 'Limiter à un hackathon' })
  @IsOptional()
  @IsMongoId({ message: 'identifiant de hackathon invalide' })
  hackathonId?: string;
}
