import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ClassActivity } from '../../conversation';
import { DashboardStream } from './dashboard-stream';
import { StudentActivityRepository } from './student-activity.repository';

const LATER_MS = 5_000;

/**
 * Rebuilds dashboard rows from the students' conversations: the repair of a row whose event
 * was missed (a process that died between a change and its event, an update that failed),
 * never the hot path. A row whose update failed is rebuilt a little later; an admin rebuilds
 * a whole class on demand (POST /hackathons/:id/dashboard/rebuild).
 */
@Injectable()
export class ClassActivityRepair implements OnApplicationShutdown {
  private readonly logger = new Logger('ClassActivityRepair');
  private readonly waiting = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly activity: ClassActivity,
    private readonly rows: StudentActivityRepository,
    private readonly stream: DashboardStream,
  ) {}

  async student(hackathonId: string, studentId: string): Promise<void> {
    await this.rows.rebuild(hackathonId, studentId, () => this.activity.activityOf(hackathonId, studentId));
    await this.stream.changed(hackathonId, studentId);
  }

  /** Every student with a conversation in the hackathon, one after the other; how many rows were rebuilt. */
  async hackathon(hackathonId: string): Promise<number> {
    const ids = await this.activity.studentIdsOf(hackathonId);
    for (const id of ids) await this.student(hackathonId, id);
    return ids.length;
  }

  /** Once per row however many failures ask for it, after the burst that caused them. */
  later(hackathonId: string, studentId: string): void {
    const key = `${hackathonId}:${studentId}`;
    if (this.waiting.has(key)) return;
    const timer = setTimeout(() => {
      this.waiting.delete(key);
      this.student(hackathonId, studentId).catch((err: Error) =>
        this.logger.warn(`réparation de la ligne ${key} impossible : ${err.message}`),
      );
    }, LATER_MS);
    timer.unref();
    this.waiting.set(key, timer);
  }

  onApplicationShutdown(): void {
    for (const timer of this.waiting.values()) clearTimeout(timer);
    this.waiting.clear();
  }
}
