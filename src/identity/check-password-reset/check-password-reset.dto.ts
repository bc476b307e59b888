import { TokenField } from '../token.dto';

export class CheckPasswordResetDto {
  /** Le jeton du lien de réinitialisation (`/mot-de-passe?token=`). */
  @TokenField() token: string;
}
