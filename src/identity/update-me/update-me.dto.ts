import { Type } from 'class-transformer';
import { IsBoolean, IsDateString, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { Trim } from '../../../libs/http';
import { IsPersonName } from '../person-name';
import { ProfilEtudiantDto, ProfilJuryDto } from '../profile.dto';

/** Profile fields only: `role`, `email`, `tokens*` are unknown here, hence 400. */
export class UpdateMeDto {
  @IsOptional() @Trim() @IsString() @MinLength(1) @MaxLength(100) @IsPersonName() prenom?: string;
  @IsOptional() @Trim() @IsString() @MinLength(1) @MaxLength(100) @IsPersonName() nom?: string;
  @IsOptional() @IsDateString() dateNaissance?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(50) numeroEtudiant?: string;
  @IsOptional() @ValidateNested() @Type(() => ProfilEtudiantDto) profilEtudiant?: ProfilEtudiantDto;
  @IsOptional() @ValidateNested() @Type(() => ProfilJuryDto) profilJury?: ProfilJuryDto;
  @IsOptional() @IsBoolean() consentementRGPD?: boolean;
}
