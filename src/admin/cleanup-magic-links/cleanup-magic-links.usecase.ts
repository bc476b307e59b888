import { Injectable } from '@nestjs/common';
import { Clock } from '../../../libs/clock';
import { IdempotencyKeys } from '../../../libs/idempotency';
import { UserDirectory } from '../../identity';
import type { ProgressReporter } from '../../../libs/queue';

const DAY_MS = 24 * 3600 * 1000;

export interface CleanupMagicLinksResult {
  magicLinksCleared: number;
  magicLinkUsesPurged: number;
  refreshTokensPurged: number;
  idempotencyKeysPurged: number;
}

/**
 * docs/data-model.md §11.2: expired magic links unset; "token used" markers older than a day purged.
 * Also the expired `Idempotency-Key` answers (libs/idempotency): FerretDB has no TTL index, and this is
 * the job that purges what expires within a day.
 */
@Injectable()
export class CleanupMagicLinksUseCase {
  constructor(
    private readonly users: UserDirectory,
    private readonly clock: Clock,
    private readonly idempotencyKeys: IdempotencyKeys,
  ) {}

  async execute(progress: ProgressReporter): Promise<CleanupMagicLinksResult> {
    const now = this.clock.now();
    await progress(10);
    const result = await this.users.cleanupMagicLinks(now, new Date(now.getTime() - DAY_MS), async () => progress(50));
    await progress(80);
    const idempotencyKeysPurged = await this.idempotencyKeys.purgeExpired(now);
    await progress(90);
    return { ...result, idempotencyKeysPurged };
  }
}
