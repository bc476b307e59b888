import { IsString, MaxLength, MinLength } from 'class-validator';
import { NormalizeEmail } from '../../../libs/http';

export class RequestMagicLinkDto {
  @NormalizeEmail() @IsString() @MinLength(3) @MaxLength(254) email: string;
}
