import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { IsMongoId, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { Trim } from '../../../libs/http';

/** `{promptFinal, messageId}` (an assistant message of the conversation), or as in 1.0 `{promptFinal, reponseIAFinale}`. */
export class SubmitFinalDto {
  @ApiProperty({ description: 'Le prompt final retenu', maxLength: 20000 })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(20000)
  promptFinal: string;

  @ApiPropertyOptional({ description: 'La réponse de l’assistant choisie (un message de la conversation)' })
  @ValidateIf((o: SubmitFinalDto) => o.reponseIAFinale === undefined || o.messageId !== undefined)
  @IsMongoId({ message: 'messageId doit être l’identifiant d’un message de l’assistant' })
  messageId?: string;

  @ApiPropertyOptional({ description: 'Le texte d’une réponse de l’assistant de cette conversation (1.0)' })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(50000)
  reponseIAFinale?: string;
}
