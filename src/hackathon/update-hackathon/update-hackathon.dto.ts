import { ApiHideProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  Equals,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { Trim } from '../../../libs/http';
import { ArrayUnique } from 'class-validator';
import { MAX_TACHES } from '../hackathon-tasks';
import {
  ClassementDto,
  PartialDatesDto,
  PartialQuotasDto,
  TACHES_SCHEMA,
  TacheUpdateDto,
  TaskInputs,
} from '../hackathon.dto';

/**
 * PATCH /hackathons/:id: any field but `statut` (that is POST /hackathons/:id/status), and
 * not `dates.archiveLe` (set by archiving). `dates` and `quotas` may be partial. `taches`
 * replaces the list: `{id, titre}` renames a task, a title equal to an existing one keeps
 * its id, a new title gets a new id.
 */
export class UpdateHackathonDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1, { message: 'Nom requis' })
  @MaxLength(200)
  nom?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(10_000)
  description?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(10_000)
  objectifs?: string;

  @ApiPropertyOptional({ type: PartialDatesDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PartialDatesDto)
  dates?: PartialDatesDto;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  anonymatActif?: boolean;

  @ApiPropertyOptional({
    enum: ['tous', 'liste'],
    default: 'tous',
    description: '`liste` : seuls les étudiants de la liste des participants le voient et y participent',
  })
  @IsOptional()
  @IsIn(['tous', 'liste'], { message: 'acces vaut tous ou liste' })
  acces?: 'tous' | 'liste';

  @ApiPropertyOptional({ type: [String], description: 'modèles permis (noms de GET /ai/models) ; vide : tous' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique({ message: 'modèle cité deux fois' })
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  modeles?: string[];

  @ApiPropertyOptional({ type: ClassementDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ClassementDto)
  classement?: ClassementDto;

  @ApiPropertyOptional({ type: PartialQuotasDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PartialQuotasDto)
  quotas?: PartialQuotasDto;

  @ApiPropertyOptional({
    ...TACHES_SCHEMA(true),
    description: 'remplace la liste ; {id, titre} renomme une tâche existante',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_TACHES)
  @TaskInputs(TacheUpdateDto)
  @ValidateNested({ each: true })
  taches?: (string | TacheUpdateDto)[];

  /** Present only to answer with a clear message. */
  @ApiHideProperty()
  @ValidateIf((o: UpdateHackathonDto) => o.statut !== undefined)
  @Equals(undefined, { message: 'le statut ne se modifie pas ici : utilisez POST /hackathons/:id/status' })
  statut?: never;
}
