import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { NormalizeEmail } from '../../../libs/http';

export class RequestMagicLinkDto {
  @NormalizeEmail() @IsString() @MinLength(3) @MaxLength(254) email: string;
}

export class VerifyMagicLinkDto {
  @IsString() @MinLength(16) @MaxLength(200) @Matches(/^[A-Za-z0-9_-]+$/, { message: 'jeton mal formé' }) token: string;
}
