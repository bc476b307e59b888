import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { CommentRules, NoteRules } from '../grading-rules.dto';
import { COMMENT_MAX_CHARS } from '../note-scale';

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
