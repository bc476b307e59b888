import type { Schema } from '@prompt-challenge/api-client';

export type DashboardRow = Schema<'DashboardRow'>;
export type DashboardTotals = Schema<'DashboardTotals'>;

/** The rows with `row` in place of the one of the same student (or added at the end): the table does not reorder. */
export function mergeRow(rows: DashboardRow[], row: DashboardRow): DashboardRow[] {
  const i = rows.findIndex((r) => r.studentId === row.studentId);
  if (i < 0) return [...rows, row];
  const next = rows.slice();
  next[i] = row;
  return next;
}

/** Whether a stream event's data looks like a dashboard row. */
export function isDashboardRow(data: unknown): data is DashboardRow {
  return typeof data === 'object' && data !== null && typeof (data as { studentId?: unknown }).studentId === 'string';
}

export function isDashboardTotals(data: unknown): data is DashboardTotals {
  return typeof data === 'object' && data !== null && typeof (data as { prompts?: unknown }).prompts === 'number';
}

/** A quota raised for one student: the row with its new limits. */
export function withLimits(
  rows: DashboardRow[],
  quota: { studentId: string; promptsLimit: number; tokensLimit: number },
): DashboardRow[] {
  return rows.map((r) =>
    r.studentId === quota.studentId ? { ...r, promptsLimit: quota.promptsLimit, tokensLimit: quota.tokensLimit } : r,
  );
}
