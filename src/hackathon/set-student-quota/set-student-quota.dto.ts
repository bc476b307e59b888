import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min, ValidateIf } from 'class-validator';
import { MAX_PROMPTS_PAR_ETUDIANT, MAX_TOKENS_PAR_ETUDIANT } from '../hackathon.dto';

/** A student's own limits in one hackathon; `null` gives back the hackathon's. */
export class SetStudentQuotaDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PROMPTS_PAR_ETUDIANT, nullable: true, type: 'integer' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsInt({ message: 'doit être un entier positif' })
  @Min(1, { message: 'doit être un entier positif' })
  @Max(MAX_PROMPTS_PAR_ETUDIANT)
  promptsParEtudiant?: number | null;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_TOKENS_PAR_ETUDIANT, nullable: true, type: 'integer' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsInt({ message: 'doit être un entier positif' })
  @Min(1, { message: 'doit être un entier positif' })
  @Max(MAX_TOKENS_PAR_ETUDIANT)
  tokensParEtudiant?: number | null;
}
