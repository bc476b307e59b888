import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsMongoId, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** Jobs without parameters take an empty body (or none). */
export class NoParamsDto {}

export class IntegrityCheckDto {
  @ApiPropertyOptional({
    default: false,
    description:
      'true : le rapport seulement ; sinon la vérification répare aussi ce qu’elle trouve et peut réparer ' +
      '(compteurs des conversations, réservations de quota restées ouvertes, compteurs de quota Redis, ' +
      'tokensUsed des utilisateurs) et le dit dans `repaired`',
  })
  @IsOptional()
  @IsBoolean({ message: 'dryRun doit être un booléen' })
  dryRun?: boolean;
}

export class ArchiveConversationsDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 3650, example: 180 })
  @IsInt({ message: 'olderThanDays doit être un entier' })
  @Min(1, { message: 'olderThanDays doit valoir au moins 1' })
  @Max(3650, { message: 'olderThanDays doit valoir au plus 3650' })
  olderThanDays: number;
}

export class ImportUsersDto {
  @ApiProperty({
    description:
      'Le CSV tel qu’un tableur l’exporte : UTF-8 (BOM accepté), séparateur « ; », « , » ou tabulation (celui de ' +
      'la ligne d’en-tête), fins de ligne CRLF ou LF. En-têtes en français ou en anglais, sans égard à la casse ni ' +
      'aux accents, dans n’importe quel ordre : prénom (prenom, first name), nom (last name), email (e-mail, ' +
      'courriel, adresse e-mail) obligatoires ; rôle (role, profil), numéro étudiant (numeroEtudiant, INE), ' +
      'groupe (groupId, classe) facultatifs ; les autres colonnes sont ignorées et listées dans le rapport. ' +
      'Rôle vide = student. Modèle : GET /admin/import-users/modele.csv. En-tête illisible : la tâche échoue ' +
      'avec CSV_HEADER.',
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

export class ExportConversationsDto extends ExportResultsDto {
  @ApiPropertyOptional({
    enum: ['jsonl', 'csv'],
    default: 'jsonl',
    description:
      'jsonl : une conversation par ligne (JSON Lines) ; csv : un message par ligne, pour un tableur en français ' +
      '(points-virgules, UTF-8 avec BOM)',
  })
  @IsOptional()
  @IsIn(['jsonl', 'csv'], { message: 'format doit valoir jsonl ou csv' })
  format?: 'jsonl' | 'csv';
}

export class JobAcceptedDto {
  @ApiProperty() jobId: string;
}
