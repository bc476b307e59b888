import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Allow, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { Trim } from '../../../libs/http';
import { VERIFICATION_INPUT_SCHEMA } from '../../hackathon';

/**
 * A teacher's try: a sample prompt on a task's checks, the saved ones or those of the form
 * (`verification`, `systeme`: checked like a task's, readTaskContent, 400 INVALID_VERIFICATION
 * naming the path).
 */
export class StartEssaiVerificationDto {
  @ApiPropertyOptional({
    description: 'La tâche enregistrée dont on essaie la vérification (absente : une tâche pas encore enregistrée)',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9a-fA-F]{24}$/, { message: 'identifiant de tâche invalide' })
  tacheId?: string;

  @ApiProperty({ description: 'Le prompt d’exemple, avec les {{emplacements}} des entrées des cas', maxLength: 20000 })
  @Trim()
  @IsString()
  @MinLength(1, { message: 'prompt vide' })
  @MaxLength(20000)
  prompt: string;

  @ApiPropertyOptional({
    ...(VERIFICATION_INPUT_SCHEMA as Record<string, unknown>),
    description: 'La vérification à essayer (pas encore enregistrée) ; absente : celle de la tâche',
  } as ApiPropertyOptions)
  @Allow()
  verification?: unknown;

  @ApiPropertyOptional({
    type: 'string',
    nullable: true,
    description: 'Le prompt système à essayer ; absent : celui de la tâche',
  })
  @Allow()
  systeme?: unknown;
}
