import { IsOptional } from 'class-validator';
import { NewPasswordField, TokenField } from '../token.dto';

export class AcceptInvitationDto {
  @TokenField() token: string;
  /** Sets the user's password; without it the user goes on signing in by magic link. */
  @IsOptional() @NewPasswordField() password?: string;
}
