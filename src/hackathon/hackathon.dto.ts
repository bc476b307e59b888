import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { plainToInstance, Transform } from 'class-transformer';
import {
  Allow,
  IsInt,
  IsNumber,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  registerDecorator,
  ValidationArguments,
} from 'class-validator';
import { Trim } from '../../libs/http';
import { parseStatut, STATUTS } from './hackathon-status';
import { RULE_SCHEMA } from './hackathon.response';
import { VERIFICATION_LIMITS } from './task-verification';

/** Sane upper bounds of the per-student quotas (docs/data-model.md §5.3's long hackathon is 50 prompts, 15000 tokens). */
export const MAX_PROMPTS_PAR_ETUDIANT = 10_000;
export const MAX_TOKENS_PAR_ETUDIANT = 10_000_000;
/** Upper bound of a hackathon's verification budget (300 submissions × 20 cases × 5 repetitions × ~3 000 tokens). */
export const MAX_TOKENS_VERIFICATION = 100_000_000;

export const FIN_APRES_DEBUT = 'La date de fin doit être postérieure à la date de début';

/** `fin` strictly after the sibling `debut`, when both are readable dates (their own validators report the rest). */
export function IsAfterDebut() {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isAfterDebut',
      target: object.constructor,
      propertyName,
      options: { message: FIN_APRES_DEBUT },
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const debut = (args.object as { debut?: unknown }).debut;
          if (typeof value !== 'string' || typeof debut !== 'string') return true;
          const a = Date.parse(debut);
          const b = Date.parse(value);
          return Number.isNaN(a) || Number.isNaN(b) || b > a;
        },
      },
    });
}

/** Reads the seed's statut spellings leniently (`en_cours`, `TERMINE`); anything else stays as is and fails `IsIn`. */
export const StatutInput = () => Transform(({ value }) => parseStatut(value) ?? value);
export const STATUT_MESSAGE = `statut inconnu (valeurs : ${STATUTS.join(', ')})`;

/** Turns plain-string tasks into `{titre}` objects of `cls`, so each element is validated like a DTO. */
export const TaskInputs = (cls: new () => object) =>
  Transform(({ value }) =>
    Array.isArray(value)
      ? value.map((v) =>
          typeof v === 'string'
            ? plainToInstance(cls, { titre: v })
            : v !== null && typeof v === 'object' && !Array.isArray(v)
              ? plainToInstance(cls, v)
              : v,
        )
      : value,
  );

export class DatesDto {
  @ApiProperty({ format: 'date-time', example: '2025-03-10T08:00:00.000Z' })
  @IsISO8601({ strict: true }, { message: 'doit être une date ISO-8601' })
  debut: string;

  @ApiProperty({ format: 'date-time', example: '2025-03-12T18:00:00.000Z', description: 'strictement après debut' })
  @IsISO8601({ strict: true }, { message: 'doit être une date ISO-8601' })
  @IsAfterDebut()
  fin: string;
}

export class PartialDatesDto {
  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'doit être une date ISO-8601' })
  debut?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'strictement après debut (donné ou déjà enregistré)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'doit être une date ISO-8601' })
  @IsAfterDebut()
  fin?: string;
}

export class QuotasDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_PROMPTS_PAR_ETUDIANT, example: 30 })
  @IsInt()
  @Min(1, { message: 'doit être un entier positif' })
  @Max(MAX_PROMPTS_PAR_ETUDIANT)
  promptsParEtudiant: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_TOKENS_PAR_ETUDIANT, example: 8000 })
  @IsInt()
  @Min(1, { message: 'doit être un entier positif' })
  @Max(MAX_TOKENS_PAR_ETUDIANT)
  tokensParEtudiant: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: MAX_TOKENS_VERIFICATION,
    default: 200_000,
    description: 'tokens que les vérifications automatiques de tout le hackathon peuvent dépenser',
  })
  @IsOptional()
  @IsInt()
  @Min(0, { message: 'doit être un entier positif ou nul' })
  @Max(MAX_TOKENS_VERIFICATION)
  tokensVerification?: number;
}

export class PartialQuotasDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PROMPTS_PAR_ETUDIANT })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'doit être un entier positif' })
  @Max(MAX_PROMPTS_PAR_ETUDIANT)
  promptsParEtudiant?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_TOKENS_PAR_ETUDIANT })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'doit être un entier positif' })
  @Max(MAX_TOKENS_PAR_ETUDIANT)
  tokensParEtudiant?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: MAX_TOKENS_VERIFICATION })
  @IsOptional()
  @IsInt()
  @Min(0, { message: 'doit être un entier positif ou nul' })
  @Max(MAX_TOKENS_VERIFICATION)
  tokensVerification?: number;
}

/** docs/api.md 1.2's ranking weights, each between 0 and 1. */
export class ClassementDto {
  @ApiProperty({ minimum: 0, maximum: 1, example: 1 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0, { message: 'doit être entre 0 et 1' })
  @Max(1, { message: 'doit être entre 0 et 1' })
  poidsNote: number;

  @ApiProperty({ minimum: 0, maximum: 1, example: 0 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0, { message: 'doit être entre 0 et 1' })
  @Max(1, { message: 'doit être entre 0 et 1' })
  poidsScore: number;
}

/**
 * A task object. `consigne`, `systeme` and `verification` are checked by readTaskContent
 * (task-verification.ts), which names the exact path of each problem (400 INVALID_VERIFICATION).
 */
export class NewTacheDto {
  @ApiProperty({ example: 'Génération de code Python' })
  @Trim()
  @IsString()
  @MinLength(1, { message: 'titre de tâche vide' })
  @MaxLength(300)
  titre: string;

  @Allow() consigne?: unknown;
  @Allow() systeme?: unknown;
  @Allow() verification?: unknown;
}

export class TacheUpdateDto extends NewTacheDto {
  @ApiPropertyOptional({ description: 'id d’une tâche existante (la renomme en gardant son id)' })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9a-fA-F]{24}$/, { message: 'identifiant de tâche invalide' })
  id?: string;
}

const CASE_INPUT_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    entrees: {
      type: 'object',
      additionalProperties: { type: 'string', maxLength: VERIFICATION_LIMITS.texte },
      description: 'nom → texte mis à la place de {{nom}} ; mêmes noms dans tous les cas',
    },
    attendu: { type: 'array', items: RULE_SCHEMA, maxItems: VERIFICATION_LIMITS.reglesParListe },
    public: { type: 'boolean', default: false, description: 'montré aux étudiants (entrées et attendu) quand vrai' },
  },
};

/** OpenAPI schema of a task's `verification` input (readTaskContent checks it, path by path). */
export const VERIFICATION_INPUT_SCHEMA: SchemaObject = {
  type: 'object',
  nullable: true,
  description:
    'vérifications automatiques (null les retire) ; une définition invalide → 400 INVALID_VERIFICATION dont les details nomment le chemin exact',
  properties: {
    cas: {
      type: 'array',
      items: CASE_INPUT_SCHEMA,
      minItems: VERIFICATION_LIMITS.cas.min,
      maxItems: VERIFICATION_LIMITS.cas.max,
    },
    regles: { type: 'array', items: RULE_SCHEMA, maxItems: VERIFICATION_LIMITS.reglesParListe },
    maxTokensPrompt: { type: 'integer', minimum: 1, nullable: true },
    repetitions: {
      type: 'integer',
      minimum: VERIFICATION_LIMITS.repetitions.min,
      maximum: VERIFICATION_LIMITS.repetitions.max,
      default: 1,
    },
    temperature: { type: 'number', nullable: true, description: 'dans l’intervalle de GET /ai/models' },
  },
  required: ['cas'],
};

/** OpenAPI schema of `taches`: plain titles or task objects. */
export function TACHES_SCHEMA(withId: boolean): { type: 'array'; items: SchemaObject } {
  const text = (description: string): SchemaObject => ({
    type: 'string',
    nullable: true,
    maxLength: VERIFICATION_LIMITS.texte,
    description,
  });
  const properties: Record<string, SchemaObject> = {
    titre: { type: 'string' },
    consigne: text('consigne montrée aux étudiants (Markdown) ; null l’efface, absente la garde'),
    systeme: text('prompt système envoyé en premier à chaque appel de la tâche ; null l’efface, absent le garde'),
    verification: VERIFICATION_INPUT_SCHEMA,
  };
  if (withId) properties.id = { type: 'string', description: 'id d’une tâche existante' };
  return { type: 'array', items: { oneOf: [{ type: 'string' }, { type: 'object', properties, required: ['titre'] }] } };
}
