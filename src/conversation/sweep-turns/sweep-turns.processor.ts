import { Injectable } from '@nestjs/common';
import { HandlesJob, JobHandler } from '../../../libs/queue';
import { SweepTurnsUseCase } from './sweep-turns.usecase';

@Injectable()
@JobHandler('ai', 'sweep-turns')
export class SweepTurnsProcessor implements HandlesJob<'ai', 'sweep-turns'> {
  constructor(private readonly sweep: SweepTurnsUseCase) {}

  handle() {
    return this.sweep.execute();
  }
}
