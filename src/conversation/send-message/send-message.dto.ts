import { IsString, MaxLength, MinLength } from 'class-validator';
import { Trim } from '../../../libs/http';

export class SendMessageDto {
  @Trim()
  @IsString()
  @MinLength(1, { message: 'Le message ne peut pas être vide' })
  @MaxLength(20000, { message: 'Le message dépasse 20 000 caractères' })
  content: string;
}
