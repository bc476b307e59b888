import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

export class RunAssignmentsDto {
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    maximum: 50,
    example: 2,
    description: 'k : examinateurs distincts par soumission',
  })
  @IsInt()
  @Min(1)
  @Max(50)
  examinersPerSubmission: number;
}
