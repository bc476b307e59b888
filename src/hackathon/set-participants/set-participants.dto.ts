import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsMongoId } from 'class-validator';

export class SetParticipantsDto {
  @ApiProperty({
    type: [String],
    description: 'Ids des étudiants de la liste (la liste complète ; [] la vide)',
    example: ['665f1c0d2a4b8e0012345678'],
  })
  @IsArray()
  @ArrayMaxSize(5000)
  @IsMongoId({ each: true, message: 'identifiant d’étudiant invalide' })
  studentIds: string[];
}
