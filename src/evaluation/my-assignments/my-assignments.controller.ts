import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../../../libs/http';
import { MyAssignmentsQuery } from './my-assignments.dto';
import { MyAssignmentsUseCase } from './my-assignments.usecase';
import { AssignmentPage } from '../evaluation.response';

@ApiTags('evaluations')
@ApiBearerAuth()
@Controller('assignments')
export class MyAssignmentsController {
  constructor(private readonly mine: MyAssignmentsUseCase) {}

  @Roles('examiner')
  @Get('mine')
  @ApiOperation({
    operationId: 'assignments.listMine',
    summary:
      'Ma file d’évaluation (?status=pending|done&hackathonId=&page=&limit=) : en attente d’abord, plus anciennes d’abord',
  })
  handle(@CurrentUser() caller: AuthUser, @Query() q: MyAssignmentsQuery): Promise<AssignmentPage> {
    return this.mine.execute(caller, q);
  }
}
