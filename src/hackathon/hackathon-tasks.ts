import { Types } from 'mongoose';
import { HackathonErrors } from './hackathon.errors';
import { Tache } from './hackathon.response';

/** A task as stored and answered (hackathon.response.ts): its id is stable for the hackathon's life. */
export type { Tache };

/** A task as clients send it: a plain title, `{titre}`, or (on update) `{id, titre}` to rename. */
export type TacheInput = string | { id?: string; titre: string };

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
  existing: readonly Tache[] = [],
  newId: () => string = newTacheId,
): Tache[] {
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

  const byTitle = new Map(existing.filter((t) => !claimed.has(t.id.toLowerCase())).map((t) => [key(t.titre), t]));
  return items.map((t) => {
    const known = t.id === undefined ? undefined : byId.get(t.id);
    if (known) return { id: known.id, titre: t.titre };
    const same = byTitle.get(key(t.titre));
    if (same) {
      byTitle.delete(key(t.titre));
      return { id: same.id, titre: t.titre };
    }
    return { id: newId(), titre: t.titre };
  });
}
