import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { Trim } from '../../../libs/http';

export class StartEssaiDto {
  @ApiProperty({ description: 'Le prompt à essayer, avec ses {{emplacements}}', maxLength: 20000 })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(20000)
  prompt: string;
}
