import { applyDecorators } from '@nestjs/common';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

/** A token of a mail link or a refresh token: URL-safe text. */
export const TokenField = () =>
  applyDecorators(
    IsString(),
    MinLength(16),
    MaxLength(200),
    Matches(/^[A-Za-z0-9_-]+$/, { message: 'jeton mal formé' }),
  );

/** A new password: 8 to 200 characters. */
export const NewPasswordField = () =>
  applyDecorators(
    IsString(),
    MinLength(8, { message: 'Le mot de passe doit contenir au moins 8 caractères' }),
    MaxLength(200),
  );

export class RefreshTokenDto {
  @TokenField() refreshToken: string;
}
