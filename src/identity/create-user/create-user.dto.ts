import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDateString,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { NormalizeEmail, Trim } from '../../../libs/http';
import { IsPersonName } from '../person-name';
import { ProfilEtudiantDto, ProfilJuryDto } from '../profile.dto';
import { ROLE_VALUES, RoleInput } from '../role-input';

export class CreateUserDto {
  @Trim() @IsString() @MinLength(1) @MaxLength(100) @IsPersonName() prenom: string;
  @Trim() @IsString() @MinLength(1) @MaxLength(100) @IsPersonName() nom: string;
  @NormalizeEmail() @IsEmail({}, { message: 'Format email invalide' }) @MaxLength(254) email: string;
  @RoleInput() @IsIn(ROLE_VALUES, { message: 'rôle inconnu' }) role: string;
  /** Without one, the user gets an invitation mail. */
  @IsOptional()
  @IsString()
  @MinLength(8, { message: 'Le mot de passe doit contenir au moins 8 caractères' })
  @MaxLength(200)
  password?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(50) numeroEtudiant?: string;
  @IsOptional() @IsDateString() dateNaissance?: string;
  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @IsInt()
  @Min(0)
  tokensAuthorized?: number;
  @IsOptional() @ValidateNested() @Type(() => ProfilEtudiantDto) profilEtudiant?: ProfilEtudiantDto;
  @IsOptional() @ValidateNested() @Type(() => ProfilJuryDto) profilJury?: ProfilJuryDto;
}
