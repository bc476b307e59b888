import { ApiProperty } from '@nestjs/swagger';
import { IsMongoId } from 'class-validator';
import { CommentRules, NoteRules } from '../grading-rules.dto';
import { COMMENT_MAX_CHARS } from '../note-scale';

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
