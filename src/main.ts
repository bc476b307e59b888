import { Logger } from 'nestjs-pino';
import { loadConfigOrExit, createHttpApp, startupFailure } from './bootstrap';
import { startWorker } from './worker';

/** HTTP API process (`APP_ROLE=api`), or API + processors in one process (`all`, default). */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  if (config.APP_ROLE === 'worker') return startWorker(config);
  try {
    const app = await createHttpApp(config);
    await app.listen(config.PORT, '0.0.0.0');
    const url = await app.getUrl();
    app.get(Logger).log(`API prête sur ${url}/api/v1 (rôle ${config.APP_ROLE}, docs ${url}/api/docs)`);
  } catch (err) {
    startupFailure(err, config);
  }
}

void main();
