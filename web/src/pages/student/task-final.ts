import type { Schema } from '@prompt-challenge/api-client';
import { myConversations } from '../../api/conversations';

/** A conversation as `GET /conversations/mine` lists it: the one holding a final version, here. */
export type Summary = Schema<'ConversationView'>;

/** How many conversations are read per page, and at most how many pages (the API's `limit` is 1..100). */
const PAGE = 100;
const MAX_PAGES = 10;

/**
 * Among a student's conversations, the one of task `tacheId` that holds its final version — if it
 * is not `exceptId` (the conversation on screen). One final version per task (docs/api.md 1.2):
 * there is at most one.
 */
export function taskFinalIn(items: Summary[], tacheId: string, exceptId: string): Summary | null {
  return items.find((c) => c.tacheId === tacheId && c.versionFinale && c.id !== exceptId) ?? null;
}

/**
 * The conversation that holds the student's final version of the task, read from
 * `GET /conversations/mine?hackathonId=` (each conversation says its `versionFinale`), page after
 * page until found; null when none does. An archived conversation is not listed by the API: its
 * final version, if any, is then learnt only from the `409 TASK_ALREADY_SUBMITTED` of a submission.
 */
export async function findTaskFinal(
  task: { hackathonId: string; tacheId: string },
  exceptId: string,
  list: typeof myConversations = myConversations,
): Promise<Summary | null> {
  for (let page = 1; page <= MAX_PAGES; page++) {
    const { items, total } = await list({ hackathonId: task.hackathonId, page, limit: PAGE });
    const found = taskFinalIn(items, task.tacheId, exceptId);
    if (found) return found;
    if (items.length === 0 || page * PAGE >= total) return null;
  }
  return null;
}
