import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsMongoId, IsNumber, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { AI_PARAMETER_RANGES } from '../../../config/ai-models';
import { Trim } from '../../../libs/http';

const { temperature, maxTokens } = AI_PARAMETER_RANGES;

export class CreateConversationDto {
  @IsMongoId({ message: 'identifiant de hackathon invalide' }) hackathonId: string;
  @Trim() @IsString() @MinLength(1) @MaxLength(100) tacheId: string;
  @ApiPropertyOptional({ description: 'Voir GET /ai/models' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  modelName?: string;
  @ApiPropertyOptional({ minimum: temperature.min, maximum: temperature.max, default: temperature.default })
  @IsOptional()
  @IsNumber()
  @Min(temperature.min, { message: `temperature doit être entre ${temperature.min} et ${temperature.max}` })
  @Max(temperature.max, { message: `temperature doit être entre ${temperature.min} et ${temperature.max}` })
  temperature?: number;
  @ApiPropertyOptional({ type: 'integer', minimum: maxTokens.min, maximum: maxTokens.max, default: maxTokens.default })
  @IsOptional()
  @IsInt()
  @Min(maxTokens.min, { message: `maxTokens doit être entre ${maxTokens.min} et ${maxTokens.max}` })
  @Max(maxTokens.max, { message: `maxTokens doit être entre ${maxTokens.min} et ${maxTokens.max}` })
  maxTokens?: number;
  @IsOptional() @Trim() @IsString() @MaxLength(100) groupId?: string;
}
