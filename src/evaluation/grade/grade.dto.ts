import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsMongoId,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidationOptions,
} from 'class-validator';
import { Trim } from '../../../libs/http';
import { COMMENT_MAX_CHARS, isHalfPoint, meaningfulLength, NOTE_MAX, NOTE_MESSAGES, NOTE_MIN } from '../note-scale';

const IsHalfPoint = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isHalfPoint',
      validator: { validate: (v) => typeof v !== 'number' || isHalfPoint(v), defaultMessage: () => NOTE_MESSAGES.step },
    },
    options,
  );

/** At least 10 characters that are not white space (see note-scale.ts). */
const IsMeaningfulComment = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isMeaningfulComment',
      validator: {
        validate: (v) => typeof v !== 'string' || meaningfulLength(v) >= 10,
        defaultMessage: () => NOTE_MESSAGES.comment,
      },
    },
    options,
  );

/** Note rules as decorators, shared by POST and PATCH. A string "8" or null is a 400. */
function NoteRules(): PropertyDecorator {
  return (target, key) => {
    IsNumber({ allowNaN: false, allowInfinity: false }, { message: NOTE_MESSAGES.type })(target, key);
    Min(NOTE_MIN, { message: NOTE_MESSAGES.min })(target, key);
    Max(NOTE_MAX, { message: NOTE_MESSAGES.max })(target, key);
    IsHalfPoint()(target, key);
  };
}

function CommentRules(): PropertyDecorator {
  return (target, key) => {
    Trim()(target, key);
    IsString({ message: 'Le commentaire doit être une chaîne de caractères' })(target, key);
    IsMeaningfulComment()(target, key);
    MaxLength(COMMENT_MAX_CHARS, { message: NOTE_MESSAGES.commentTooLong })(target, key);
  };
}

export class GradeDto {
  @ApiProperty({ description: 'Conversation soumise à évaluer' })
  @IsMongoId({ message: 'identifiant de conversation invalide' })
  conversationId: string;

  @ApiProperty({ minimum: 1, maximum: 10, multipleOf: 0.5, example: 7.5 })
  @NoteRules()
  note: number;

  @ApiProperty({ minLength: 10, maxLength: COMMENT_MAX_CHARS, description: 'Au moins 10 caractères hors espaces' })
  @CommentRules()
  comment: string;
}

export class EditEvaluationDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 10, multipleOf: 0.5 })
  @IsOptional()
  @NoteRules()
  note?: number;

  @ApiPropertyOptional({ minLength: 10, maxLength: COMMENT_MAX_CHARS })
  @IsOptional()
  @CommentRules()
  comment?: string;
}
