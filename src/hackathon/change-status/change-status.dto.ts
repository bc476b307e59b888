import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { HackathonStatut, STATUTS } from '../hackathon-status';
import { STATUT_MESSAGE, StatutInput } from '../hackathon.dto';

export class ChangeStatusDto {
  @ApiProperty({
    enum: STATUTS,
    description: 'Brouillon→En cours|Test, Test→En cours|Brouillon, En cours→Terminé, Terminé→Archivé',
  })
  @StatutInput()
  @IsIn(STATUTS, { message: STATUT_MESSAGE })
  statut: HackathonStatut;
}
