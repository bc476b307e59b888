import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, PageQuery, Roles } from '../../../libs/http';
import { MyEvaluationsUseCase } from './my-evaluations.usecase';
import { EvaluationPage } from '../evaluation.response';

@ApiTags('evaluations')
@ApiBearerAuth()
@Controller('evaluations')
export class MyEvaluationsController {
  constructor(private readonly mine: MyEvaluationsUseCase) {}

  @Roles('examiner')
  @Get('mine')
  @ApiOperation({
    operationId: 'evaluations.listMine',
    summary: 'Mes évaluations, les plus récentes d’abord (?page=&limit=)',
  })
  handle(@CurrentUser() caller: AuthUser, @Query() q: PageQuery): Promise<EvaluationPage> {
    return this.mine.execute(caller, q);
  }
}
