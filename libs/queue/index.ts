export * from './job-catalogue';
export * from './job-handler.decorator';
export * from './job-queue.service';
export * from './queue-defaults';
export * from './queue-workers.host';
export * from './queue.module';
