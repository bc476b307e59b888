import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { AI_PARAMETER_RANGES } from '../../../config/ai-models';

const { maxTokens } = AI_PARAMETER_RANGES;

/** The same range as POST /conversations (CreateConversationDto). */
export class UpdateConversationDto {
  @ApiProperty({ type: 'integer', minimum: maxTokens.min, maximum: maxTokens.max })
  @IsInt()
  @Min(maxTokens.min, { message: `maxTokens doit être entre ${maxTokens.min} et ${maxTokens.max}` })
  @Max(maxTokens.max, { message: `maxTokens doit être entre ${maxTokens.min} et ${maxTokens.max}` })
  maxTokens: number;
}
