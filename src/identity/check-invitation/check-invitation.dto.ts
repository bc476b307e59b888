import { TokenField } from '../token.dto';

export class CheckInvitationDto {
  /** Le jeton du lien d’invitation (`/invitation?token=`). */
  @TokenField() token: string;
}
