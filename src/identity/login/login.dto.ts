import { IsString, MaxLength, MinLength } from 'class-validator';
import { NormalizeEmail } from '../../../libs/http';

export class LoginDto {
  @NormalizeEmail() @IsString() @MinLength(3) @MaxLength(254) email: string;
  @IsString() @MinLength(1) @MaxLength(200) password: string;
}
