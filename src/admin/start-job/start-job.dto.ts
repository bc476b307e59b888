import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsMongoId, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** Jobs without parameters take an empty body (or none). */
export class NoParamsDto {}

export class ArchiveConversationsDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 3650, example: 180 })
  @IsInt({ message: 'olderThanDays doit être un entier' })
  @Min(1, { message: 'olderThanDays doit valoir au moins 1' })
  @Max(3650, { message: 'olderThanDays doit valoir au plus 3650' })
  olderThanDays: number;
}

export class ImportUsersDto {
  @ApiProperty({
    description: 'CSV UTF-8 (BOM accepté), en-tête prenom,nom,email,role,numeroEtudiant,groupId ; séparateur , ou ;',
  })
  @IsString({ message: 'csv doit être une chaîne' })
  @MaxLength(1_000_000)
  csv: string;

  @ApiPropertyOptional({ description: 'Les étudiants importés rejoignent la liste de ce hackathon' })
  @IsOptional()
  @IsMongoId({ message: 'hackathonId doit être un identifiant valide' })
  hackathonId?: string;
}

export class ExportResultsDto {
  @ApiProperty({ example: '665f1c2b9a1e4b0012345678' })
  @IsMongoId({ message: 'hackathonId doit être un identifiant valide' })
  hackathonId: string;

  @ApiPropertyOptional({ default: false, description: 'Des pseudonymes (« Candidat N ») au lieu des noms' })
  @IsOptional()
  @IsBoolean({ message: 'pseudonymes doit être un booléen' })
  pseudonymes?: boolean;
}

export class JobAcceptedDto {
  @ApiProperty() jobId: string;
}
