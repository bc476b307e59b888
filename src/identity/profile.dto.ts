import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsInt, IsNumber, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Trim } from '../../libs/http';

export class ProfilEtudiantDto {
  @IsOptional() @Trim() @IsString() @MaxLength(100) niveauFormation?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(100) typeEtude?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(100) groupId?: string;
}

export class ExpertiseDto {
  @Trim() @IsString() @MaxLength(100) domaine: string;
  @ApiProperty({ type: 'integer' })
  @IsInt()
  @Min(1)
  @Max(10)
  niveauAutoEvaluation: number;
}

export class ProfilJuryDto {
  @IsOptional() @Trim() @IsString() @MaxLength(100) niveauDiplome?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(200) posteOccupe?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(100) secteurActivite?: string;
  @IsOptional() @IsNumber() @Min(0) @Max(80) anneesExperience?: number;
  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @IsInt()
  @Min(0)
  nombreETPEmployeur?: number;
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => ExpertiseDto) expertises?: ExpertiseDto[];
}
