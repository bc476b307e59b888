import { Injectable } from '@nestjs/common';
import { HandlesJob, ImportUsersJob, JobHandler, JobContext } from '../../../libs/queue';
import { ImportUsersUseCase } from './import-users.usecase';

@Injectable()
@JobHandler('admin', 'import-users')
export class ImportUsersProcessor implements HandlesJob<'admin', 'import-users'> {
  constructor(private readonly importUsers: ImportUsersUseCase) {}

  handle(data: ImportUsersJob, ctx: JobContext) {
    return this.importUsers.execute(data, ctx.id, ctx.progress);
  }
}
