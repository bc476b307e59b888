import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Clock } from '../../../libs/clock';
import { AuthUser, openSse } from '../../../libs/http';
import { HackathonCatalog } from '../../hackathon';
import { StreamTickets } from '../../identity';
import { ClassRows, DashboardRow } from '../class-dashboard/class-rows';
import { DashboardStream } from '../class-dashboard/dashboard-stream';

/**
 * The dashboard live. Changes come coalesced per hackathon (dashboard-stream.ts: at most ~4
 * entries a second, each the set of students whose rows changed); one read of those rows at a
 * time (class-rows.ts `some`; what arrives meanwhile is read together next), then
 * `event: student` per changed row and one `event: totals`, computed from the rows this
 * connection holds (loaded once when it opens), never from a rescan of the class.
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
    const snapshot = await this.rows.all(hackathonId);
    const held = new Map<string, DashboardRow>(snapshot.students.map((r) => [r.studentId, r]));
    const channel = openSse(req, res);
    channel.send('totals', this.rows.totals([...held.values()], this.clock.now()));
    // One read at a time per connection; the changes that arrive meanwhile wait and are read
    // together next (a busy engine then makes fewer, larger reads, never a growing backlog).
    const waiting = { studentIds: new Set<string>(), limits: new Set<string>(), id: '' };
    let reading: Promise<void> | null = null;
    let chain = Promise.resolve();
    const readWaiting = async () => {
      while (waiting.studentIds.size) {
        const studentIds = [...waiting.studentIds];
        const limits = [...waiting.limits];
        const id = waiting.id;
        waiting.studentIds.clear();
        waiting.limits.clear();
        const rows = await this.rows.some(snapshot, studentIds, limits).catch(() => null);
        if (!rows) continue;
        for (const [studentId, row] of rows) {
          if (row) {
            held.set(studentId, row);
            channel.send('student', row);
          } else held.delete(studentId);
        }
        // The last entry's id once its rows are out: a client resuming after it missed nothing.
        channel.send('totals', this.rows.totals([...held.values()], this.clock.now()), id);
      }
      reading = null;
    };
    const unsubscribe = await this.stream.subscribe(
      hackathonId,
      ({ studentIds, limits }, id) => {
        for (const s of studentIds) waiting.studentIds.add(s);
        for (const s of limits) waiting.limits.add(s);
        waiting.id = id;
        reading ??= chain = chain.then(readWaiting);
      },
      (ended, id) => {
        chain = chain.then(() => channel.send('verification', ended, id));
      },
    );
    channel.onClose(unsubscribe);
  }
}
