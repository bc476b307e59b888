import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ParseObjectIdPipe, Roles } from '../../../libs/http';
import { HackathonErrors } from '../../hackathon';
import { VerificationBudgetResponse } from './verification-budget.response';
import { VerificationBudgetStatusUseCase } from './verification-budget-status.usecase';

@ApiTags('verifications')
@ApiBearerAuth()
@Controller('hackathons')
export class VerificationBudgetStatusController {
  constructor(private readonly status: VerificationBudgetStatusUseCase) {}

  @Roles('admin')
  @Get(':id/verifications/budget')
  @ApiOperation({
    operationId: 'verifications.budget',
    summary: 'Le budget de vérification du hackathon : limite (quotas.tokensVerification), utilisés, restants',
  })
  @ApiErrors(HackathonErrors.notFound())
  async get(@Param('id', ParseObjectIdPipe) id: string): Promise<VerificationBudgetResponse> {
    return { budget: await this.status.execute(id) };
  }
}
