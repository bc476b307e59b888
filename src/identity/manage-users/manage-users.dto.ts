import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
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
import { NormalizeEmail, PageQuery, Trim } from '../../../libs/http';
import { ProfilEtudiantDto, ProfilJuryDto } from '../profile.dto';
import { ROLE_INPUTS } from '../roles';

const roleInput = () => Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value));
const ROLE_VALUES = [...ROLE_INPUTS, ''];

export class ListUsersQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'student | examiner | admin (alias acceptés)' })
  @IsOptional()
  @roleInput()
  @IsIn(ROLE_INPUTS, { message: 'rôle inconnu' })
  role?: string;
}

export class CreateUserDto {
  @Trim() @IsString() @MinLength(1) @MaxLength(100) prenom: string;
  @Trim() @IsString() @MinLength(1) @MaxLength(100) nom: string;
  @NormalizeEmail() @IsEmail({}, { message: 'Format email invalide' }) @MaxLength(254) email: string;
  @roleInput() @IsIn(ROLE_VALUES, { message: 'rôle inconnu' }) role: string;
  @IsOptional()
  @IsString()
  @MinLength(8, { message: 'Le mot de passe doit contenir au moins 8 caractères' })
  @MaxLength(200)
  password?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(50) numeroEtudiant?: string;
  @IsOptional() @IsDateString() dateNaissance?: string;
  @IsOptional() @IsInt() @Min(0) tokensAuthorized?: number;
  @IsOptional() @ValidateNested() @Type(() => ProfilEtudiantDto) profilEtudiant?: ProfilEtudiantDto;
  @IsOptional() @ValidateNested() @Type(() => ProfilJuryDto) profilJury?: ProfilJuryDto;
}

export class UpdateUserDto {
  @IsOptional() @Trim() @IsString() @MinLength(1) @MaxLength(100) prenom?: string;
  @IsOptional() @Trim() @IsString() @MinLength(1) @MaxLength(100) nom?: string;
  @IsOptional() @NormalizeEmail() @IsEmail({}, { message: 'Format email invalide' }) @MaxLength(254) email?: string;
  @IsOptional() @roleInput() @IsIn(ROLE_VALUES, { message: 'rôle inconnu' }) role?: string;
  @IsOptional() @IsInt() @Min(0) tokensAuthorized?: number;
  @IsOptional() @Trim() @IsString() @MaxLength(50) numeroEtudiant?: string;
  @IsOptional() @IsDateString() dateNaissance?: string;
  @IsOptional() @ValidateNested() @Type(() => ProfilEtudiantDto) profilEtudiant?: ProfilEtudiantDto;
  @IsOptional() @ValidateNested() @Type(() => ProfilJuryDto) profilJury?: ProfilJuryDto;
}
