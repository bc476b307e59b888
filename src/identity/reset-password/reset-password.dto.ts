import { NewPasswordField, TokenField } from '../token.dto';

export class ResetPasswordDto {
  @TokenField() token: string;
  @NewPasswordField() password: string;
}
