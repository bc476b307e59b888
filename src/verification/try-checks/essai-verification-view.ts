import type { EssaiVerificationRecord } from './essai-verification.repository';
import type { EssaiVerificationView } from './essai-verification.response';

/** A try as the admin reads it: each case's definition next to its one run (none yet while it waits). */
export function essaiVerificationView(e: EssaiVerificationRecord): EssaiVerificationView {
  const r = e.resume;
  return {
    id: e.id,
    hackathonId: e.hackathonId,
    tacheId: e.tacheId,
    prompt: e.prompt,
    modelName: e.modelName,
    statut: e.statut,
    score: r?.score ?? null,
    tokensPrompt: r?.tokensPrompt ?? 0,
    reussis: r?.reussis ?? 0,
    total: e.verification.cas.length,
    cas: e.verification.cas.map((c, i) => {
      const run = r?.cas[i]?.executions[0];
      return {
        public: c.public,
        entrees: { ...c.entrees },
        attendu: c.attendu.map((x) => ({ ...x })),
        reussi: run ? run.reussi : null,
        reponse: run ? run.reponse : null,
        raisons: run ? [...run.raisons] : [],
      };
    }),
    raison: r?.raison ?? null,
    tokensFactures: e.tokensFactures,
    createdAt: e.createdAt,
    finishedAt: e.finishedAt,
  };
}
