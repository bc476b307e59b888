import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { Trim } from '../../../libs/http';
import { ArrayUnique } from 'class-validator';
import { MAX_TACHES } from '../hackathon-tasks';
import { ClassementDto, DatesDto, NewTacheDto, QuotasDto, TACHES_SCHEMA, TaskInputs } from '../hackathon.dto';

/** POST /hackathons. `statut` is not an input: a new hackathon is always `Brouillon`. */
export class CreateHackathonDto {
  @ApiProperty({ example: 'Hackathon IA 2025' })
  @Trim()
  @IsString()
  @MinLength(1, { message: 'Nom requis' })
  @MaxLength(200)
  nom: string;

  @ApiPropertyOptional({ default: '' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(10_000)
  description?: string;

  @ApiPropertyOptional({ default: '' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(10_000)
  objectifs?: string;

  @ApiProperty({ type: DatesDto })
  @IsObject()
  @ValidateNested()
  @Type(() => DatesDto)
  dates: DatesDto;

  @ApiPropertyOptional({ default: false })
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

  @ApiPropertyOptional({
    type: ClassementDto,
    description: 'poids du classement ; par défaut {poidsNote: 1, poidsScore: 0}',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ClassementDto)
  classement?: ClassementDto;

  @ApiProperty({ type: QuotasDto })
  @IsObject()
  @ValidateNested()
  @Type(() => QuotasDto)
  quotas: QuotasDto;

  @ApiPropertyOptional({
    ...TACHES_SCHEMA(false),
    description: 'titres, ou objets {titre} ; chaque tâche reçoit un id stable',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_TACHES)
  @TaskInputs(NewTacheDto)
  @ValidateNested({ each: true })
  taches?: (string | NewTacheDto)[];
}
