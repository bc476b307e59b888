import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsMongoId } from 'class-validator';

export class SetJuryDto {
  @ApiProperty({
    type: [String],
    description: 'Ids des examinateurs du jury (la liste complète ; [] détache tout le monde)',
    example: ['665f1c0d2a4b8e0012345678'],
  })
  @IsArray()
  @ArrayMaxSize(500)
  @IsMongoId({ each: true, message: 'identifiant d’examinateur invalide' })
  examinerIds: string[];
}
