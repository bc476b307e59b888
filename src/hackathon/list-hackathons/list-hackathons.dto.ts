import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery, Trim } from '../../../libs/http';
import { HackathonStatut, STATUTS } from '../hackathon-status';
import { STATUT_MESSAGE, StatutInput } from '../hackathon.dto';

export class ListHackathonsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: STATUTS })
  @IsOptional()
  @StatutInput()
  @IsIn(STATUTS, { message: STATUT_MESSAGE })
  statut?: HackathonStatut;

  @ApiPropertyOptional({
    description: 'texte cherché tel quel (sans regex), sans tenir compte de la casse, dans nom et description',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  q?: string;
}
