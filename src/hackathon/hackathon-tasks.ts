import { Types } from 'mongoose';
import type { AiModelCatalog } from '../../libs/ai-providers';
import { HackathonErrors } from './hackathon.errors';
import { Tache } from './hackathon.response';
import { DefinitionProblem, inputNamesOf, readTaskContent, TaskContent } from './task-verification';

/** A task as answered (hackathon.response.ts): its id is stable for the hackathon's life. */
export type { Tache };

/** A task as stored: its id, title and content (null: not set). */
export interface TaskDefinition extends TaskContent {
  id: string;
  titre: string;
}

/**
 * A task as clients send it: a plain title, or an object with `titre` (and, on update, the
 * `id` of the task it renames) and what the task holds (`consigne`, `systeme`, `verification`).
 */
export type TacheInput =
  string | { id?: string; titre: string; consigne?: unknown; systeme?: unknown; verification?: unknown };

export const MAX_TACHES = 100;

const key = (titre: string) => titre.trim().toLocaleLowerCase('fr');

export const newTacheId = (): string => new Types.ObjectId().toHexString();

/**
 * The new task list, in input order, with stable ids: an `{id}` keeps (and renames) that
 * task; a title equal to an existing task's title (case-insensitive) keeps that task's id;
 * anything else gets a new id. Titles must be unique; ids must belong to `existing`.
 */
export function assignTaskIds(
  input: readonly TacheInput[],
  existing: readonly TaskDefinition[] = [],
  newId: () => string = newTacheId,
): TaskDefinition[] {
  const items = input.map((t) =>
    typeof t === 'string' ? { titre: t.trim() } : { id: t.id?.toLowerCase(), titre: t.titre.trim() },
  );
  const problems: string[] = [];

  const seenTitles = new Set<string>();
  for (const t of items) {
    if (!t.titre) problems.push('titre de tâche vide');
    else if (seenTitles.has(key(t.titre))) problems.push(`tâche en double : « ${t.titre} »`);
    seenTitles.add(key(t.titre));
  }

  const byId = new Map(existing.map((t) => [t.id.toLowerCase(), t]));
  const claimed = new Set<string>();
  for (const t of items) {
    if (t.id === undefined) continue;
    if (!byId.has(t.id)) problems.push(`tâche inconnue : ${t.id}`);
    else if (claimed.has(t.id)) problems.push(`tâche citée deux fois : ${t.id}`);
    claimed.add(t.id);
  }
  if (problems.length) throw HackathonErrors.invalidTasks([...new Set(problems)]);

  // What each task holds: checked before anything is kept, every problem at its path.
  const contentProblems: DefinitionProblem[] = [];
  const contents = input.map((t, i) =>
    typeof t === 'string' ? {} : readTaskContent(t as Record<string, unknown>, `taches[${i}]`, contentProblems),
  );
  if (contentProblems.length) throw HackathonErrors.invalidVerification(contentProblems);

  const byTitle = new Map(existing.filter((t) => !claimed.has(t.id.toLowerCase())).map((t) => [key(t.titre), t]));
  return items.map((t, i) => {
    let kept = t.id === undefined ? undefined : byId.get(t.id);
    if (!kept) {
      kept = byTitle.get(key(t.titre));
      if (kept) byTitle.delete(key(t.titre));
    }
    // A field left out keeps what the task had; null clears it.
    const given = contents[i];
    return {
      id: kept?.id ?? newId(),
      titre: t.titre,
      consigne: given.consigne !== undefined ? given.consigne : (kept?.consigne ?? null),
      systeme: given.systeme !== undefined ? given.systeme : (kept?.systeme ?? null),
      verification: given.verification !== undefined ? given.verification : (kept?.verification ?? null),
    };
  });
}

/** A task as admins and examiners see it: everything, with what is derived for students. */
export function taskView(t: TaskDefinition): Tache {
  const v = t.verification;
  return {
    id: t.id,
    titre: t.titre,
    consigne: t.consigne,
    systeme: t.systeme,
    avecVerification: v !== null,
    entrees: inputNamesOf(v),
    maxTokensPrompt: v?.maxTokensPrompt ?? null,
    casPublics: (v?.cas ?? []).filter((c) => c.public).map((c) => ({ entrees: c.entrees, attendu: c.attendu })),
    verification: v,
  };
}

/** The definition behind a task view (whose `verification` is there: views built by taskView). */
export function definitionOf(t: Tache): TaskDefinition {
  return { id: t.id, titre: t.titre, consigne: t.consigne, systeme: t.systeme, verification: t.verification ?? null };
}

/** A task as a student sees it: never its `verification` (docs/api.md 1.2), the rest as is. */
export function studentTaskView(t: Tache): Tache {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { verification, ...rest } = t;
  return rest;
}

/** docs/api.md 1.2's `modeles`: names of GET /ai/models, each once (400 VALIDATION_FAILED naming the unknown ones). */
export function checkModels(names: readonly string[], catalog: AiModelCatalog): string[] {
  const unknown = names.filter((n) => !catalog.has(n));
  if (unknown.length) throw HackathonErrors.unknownModels(unknown);
  return [...new Set(names)];
}

/** The hackathon as a caller of `role` may see it: only admins and examiners get a task's `verification`. */
export function hackathonFor<H extends { taches: Tache[] }>(h: H, role: string): H {
  return role === 'admin' || role === 'examiner' ? h : { ...h, taches: h.taches.map(studentTaskView) };
}
