import { Injectable } from '@nestjs/common';
import { GradingAssignmentsMailJob, HandlesJob, JobHandler } from '../../../libs/queue';
import { SendGradingAssignmentsUseCase } from './send-grading-assignments.usecase';

@Injectable()
@JobHandler('mail', 'send-grading-assignments')
export class SendGradingAssignmentsProcessor implements HandlesJob<'mail', 'send-grading-assignments'> {
  constructor(private readonly sendGradingAssignments: SendGradingAssignmentsUseCase) {}

  handle(data: GradingAssignmentsMailJob) {
    return this.sendGradingAssignments.execute(data);
  }
}
