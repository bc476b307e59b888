import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '../config/env.schema';
import { AppModule } from './app.module';
import { loadConfigOrExit, startupFailure } from './bootstrap';

/** Queue worker process: the same modules, no HTTP, processors on. */
export async function startWorker(config: AppConfig): Promise<void> {
  try {
    const app = await NestFactory.createApplicationContext(AppModule.forRoot({ ...config, APP_ROLE: 'worker' }), {
      logger: false,
      abortOnError: false,
    });
    app.useLogger(app.get(Logger));
    app.enableShutdownHooks();
    await app.init();
    app.get(Logger).log('worker prêt');
  } catch (err) {
    startupFailure(err, config);
  }
}

if (require.main === module) {
  void startWorker(loadConfigOrExit({ APP_ROLE: 'worker' }));
}
