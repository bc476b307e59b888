import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/errors';
import type { JobReport } from './jobs';
import { useJob } from './use-job';

const report = (state: JobReport['state'], progress: number, extra: Partial<JobReport> = {}): JobReport => ({
  id: 'j1',
  name: 'integrity-check',
  state,
  progress,
  result: null,
  failedReason: null,
  requestedBy: null,
  attempts: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  startedAt: null,
  finishedAt: null,
  ...extra,
});

describe('useJob', () => {
  it('starts the job, then polls its report until it is done', async () => {
    const answers = [report('waiting', 0), report('active', 50), report('completed', 100, { result: { ok: 1 } })];
    const seen: number[] = [];
    const { result } = renderHook(() =>
      useJob(
        async () => 'j1',
        async (id) => {
          expect(id).toBe('j1');
          const r = answers.shift() as JobReport;
          seen.push(r.progress);
          return r;
        },
        1,
      ),
    );
    await act(() => result.current.run());
    await waitFor(() => expect(result.current.running).toBe(false));
    expect(seen).toEqual([0, 50, 100]);
    expect(result.current.report).toMatchObject({ state: 'completed', result: { ok: 1 } });
    expect(result.current.error).toBeNull();
  });

  it('stops at a failure, and keeps the refusal of the start as its error', async () => {
    const failed = renderHook(() =>
      useJob(
        async () => 'j1',
        async () => report('failed', 10, { failedReason: 'CSV_BAD_HEADER: En-tête invalide' }),
        1,
      ),
    );
    await act(() => failed.result.current.run());
    expect(failed.result.current.report?.state).toBe('failed');

    const refused = renderHook(() =>
      useJob(
        async () => {
          throw new ApiError(400, 'NOT_ENOUGH_EXAMINERS', 'Pas assez d’examinateurs');
        },
        async () => report('completed', 100),
        1,
      ),
    );
    await act(() => refused.result.current.run());
    expect(refused.result.current.error?.message).toBe('Pas assez d’examinateurs');
    expect(refused.result.current.report).toBeNull();
    expect(refused.result.current.running).toBe(false);
  });
});
