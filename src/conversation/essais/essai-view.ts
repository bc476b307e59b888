import type { EssaiRecord } from './essai.repository';
import type { EssaiView } from './essai.response';

/** A try as its student sees it: every case in it is public; the task's global rules stay out. */
export function essaiView(e: EssaiRecord): EssaiView {
  return {
    id: e.id,
    conversationId: e.conversationId,
    prompt: e.prompt,
    statut: e.statut,
    reussis: e.resultats.filter((r) => r?.reussi).length,
    total: e.cas.length,
    cas: e.cas.map((c, i) => ({
      entrees: { ...c.entrees },
      attendu: c.attendu.map((r) => ({ ...r })),
      reussi: e.resultats[i]?.reussi ?? null,
      reponse: e.resultats[i]?.reponse ?? null,
      raisons: [...(e.resultats[i]?.raisons ?? [])],
    })),
    erreur: e.erreur,
    createdAt: e.createdAt,
    finishedAt: e.finishedAt,
  };
}
