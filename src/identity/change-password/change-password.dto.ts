import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { NewPasswordField } from '../token.dto';

export class ChangePasswordDto {
  /** Required when the user has a password. */
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200) currentPassword?: string;
  @NewPasswordField() newPassword: string;
}
