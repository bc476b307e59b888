import { Equals, IsDateString, IsEmail, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { NormalizeEmail, Trim } from '../../../libs/http';
import { IsPersonName } from '../person-name';

export class RegisterDto {
  @Trim() @IsString() @MinLength(1) @MaxLength(100) @IsPersonName() prenom: string;
  @Trim() @IsString() @MinLength(1) @MaxLength(100) @IsPersonName() nom: string;
  @NormalizeEmail() @IsEmail({}, { message: 'Format email invalide' }) @MaxLength(254) email: string;
  @IsString()
  @MinLength(8, { message: 'Le mot de passe doit contenir au moins 8 caractères' })
  @MaxLength(200)
  password: string;
  @Equals(true, { message: 'Le consentement RGPD est requis' }) consentementRGPD: boolean;
  @IsOptional() @Trim() @IsString() @MaxLength(50) numeroEtudiant?: string;
  @IsOptional() @IsDateString({}, { message: 'dateNaissance doit être une date ISO-8601' }) dateNaissance?: string;
}
