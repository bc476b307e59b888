import { TokenField } from '../token.dto';

export class VerifyMagicLinkDto {
  @TokenField() token: string;
}
