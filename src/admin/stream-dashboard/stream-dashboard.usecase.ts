import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Clock } from '../../../libs/clock';
import { AuthUser, openSse } from '../../../libs/http';
import { HackathonCatalog } from '../../hackathon';
import { StreamTickets } from '../../identity';
import { ClassRows, DashboardRow } from '../class-dashboard/class-rows';
import { DashboardStream } from '../class-dashboard/dashboard-stream';

/**
 * The dashboard live: `event: student` with the one row that changed, then `event: totals`.
 * Each change costs one read of that student's row; totals come from the rows this
 * connection already holds (loaded once when it opens), never from a rescan of the class.
 */
@Injectable()
export class StreamDashboardUseCase {
  constructor(
    private readonly rows: ClassRows,
    private readonly hackathons: HackathonCatalog,
    private readonly stream: DashboardStream,
    private readonly tickets: StreamTickets,
    private readonly clock: Clock,
  ) {}

  async ticket(hackathonId: string, caller: AuthUser) {
    await this.hackathons.viewOf(hackathonId);
    return this.tickets.issue(caller, 'hackathon-dashboard', hackathonId);
  }

  async open(hackathonId: string, req: Request, res: Response): Promise<void> {
    const { hackathon, students } = await this.rows.all(hackathonId);
    const held = new Map<string, DashboardRow>(students.map((r) => [r.studentId, r]));
    const channel = openSse(req, res);
    channel.send('totals', this.rows.totals([...held.values()], this.clock.now()));
    // One change at a time per connection, in stream order.
    let chain = Promise.resolve();
    const unsubscribe = await this.stream.subscribe(hackathonId, (e) => {
      const { studentId } = e.data as { studentId: string };
      chain = chain.then(async () => {
        const row = await this.rows.one(hackathon, studentId).catch(() => undefined);
        if (row === undefined) return;
        if (row) held.set(studentId, row);
        else held.delete(studentId);
        if (row) channel.send('student', row, e.id);
        channel.send('totals', this.rows.totals([...held.values()], this.clock.now()));
      });
    });
    channel.onClose(unsubscribe);
  }
}
