// Automatic checks (API 1.2), the teacher's side: try a task's checks, the budget they spend,
// every final version's results, and the re-run of them all.
import type { Schema } from '@prompt-challenge/api-client';
import { api } from './client';
import { call } from './errors';

/** A teacher's try of a task's checks: each case (hidden ones too) with the answer and reasons. */
export type ChecksTrial = Schema<'EssaiVerificationView'>;
/** A final version's checks (`versionFinale.verification`), every case for staff. */
export type SubmissionChecks = Schema<'VerificationView'>;
export type VerificationBudget = Schema<'VerificationBudgetView'>;
/** A row of GET /hackathons/:id/conversations (no student id for an examiner of an anonymous hackathon). */
export type HackathonConversation = Omit<Schema<'ConversationView'>, 'studentId' | 'groupId'> & {
  studentId?: string;
  groupId?: string | null;
};

export interface ChecksTrialBody {
  /** The saved task (absent: a task the form has not saved yet). */
  tacheId?: string;
  prompt: string;
  /** The form's definition, saved or not. */
  verification?: Record<string, unknown>;
  systeme?: string | null;
}

/** `POST /hackathons/:id/verifications/essais`: starts a try; its id. */
export const startChecksTrial = (hackathonId: string, body: ChecksTrialBody) =>
  call(
    api.POST('/api/v1/hackathons/{id}/verifications/essais', {
      params: { path: { id: hackathonId } },
      body: body as Schema<'StartEssaiVerificationDto'>,
    }),
  ).then((r) => r.essaiId);

/** `GET /hackathons/:id/verifications/essais/:essaiId`. */
export const getChecksTrial = (hackathonId: string, essaiId: string) =>
  call(
    api.GET('/api/v1/hackathons/{id}/verifications/essais/{essaiId}', {
      params: { path: { id: hackathonId, essaiId } },
    }),
  ).then((r) => r.essai);

/** `GET /hackathons/:id/verifications/budget`: the limit, what is used, what is left. */
export const getVerificationBudget = (hackathonId: string) =>
  call(api.GET('/api/v1/hackathons/{id}/verifications/budget', { params: { path: { id: hackathonId } } })).then(
    (r) => r.budget,
  );

/** `POST /hackathons/:id/verifications`: re-runs every submission's checks (admin job); its id. */
export const rerunVerifications = (hackathonId: string) =>
  call(api.POST('/api/v1/hackathons/{id}/verifications', { params: { path: { id: hackathonId } } })).then(
    (r) => r.jobId,
  );

/** Every submitted conversation of a hackathon (GET /hackathons/:id/conversations, page by page), newest first. */
export async function listSubmissions(hackathonId: string): Promise<HackathonConversation[]> {
  const out: HackathonConversation[] = [];
  for (let page = 1; page <= 50; page++) {
    const r = await call(
      api.GET('/api/v1/hackathons/{id}/conversations', {
        params: { path: { id: hackathonId }, query: { page, limit: 100 } },
      }),
    );
    out.push(...r.items.filter((c) => c.versionFinale));
    if (page * 100 >= r.total || r.items.length === 0) break;
  }
  return out;
}
