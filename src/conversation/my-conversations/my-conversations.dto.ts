import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsMongoId, IsOptional } from 'class-validator';
import { PageQuery } from '../../../libs/http';

export class MyConversationsQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsMongoId({ message: 'identifiant de hackathon invalide' })
  hackathonId?: string;
}
