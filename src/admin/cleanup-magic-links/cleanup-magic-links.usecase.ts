import { Injectable } from '@nestjs/common';
import { Clock } from '../../../libs/clock';
import { UserDirectory } from '../../identity';
import type { ProgressReporter } from '../../../libs/queue';

const DAY_MS = 24 * 3600 * 1000;

export interface CleanupMagicLinksResult {
  magicLinksCleared: number;
  magicLinkUsesPurged: number;
}

/** docs/data-model.md §11.2: expired magic links unset; "token used" markers older than a day purged. */
@Injectable()
export class CleanupMagicLinksUseCase {
  constructor(
    private readonly users: UserDirectory,
    private readonly clock: Clock,
  ) {}

  async execute(progress: ProgressReporter): Promise<CleanupMagicLinksResult> {
    const now = this.clock.now();
    await progress(10);
    const result = await this.users.cleanupMagicLinks(now, new Date(now.getTime() - DAY_MS), async () => progress(50));
    await progress(90);
    return result;
  }
}
