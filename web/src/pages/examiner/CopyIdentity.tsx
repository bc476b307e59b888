import type { Schema } from '@prompt-challenge/api-client';
import { candidateName } from './candidate';

/** Who wrote the copy, as far as the examiner may know: a pseudonym when the hackathon is anonymous. */
export function CopyIdentity({ s }: { s: Schema<'Submission'> }) {
  return (
    <section className="card" aria-labelledby="copie">
      <h2 id="copie">{s.anonymous ? 'Copie anonyme' : 'Candidat'}</h2>
      <dl className="facts">
        <dt>Hackathon</dt>
        <dd>{s.hackathon.nom ?? '—'}</dd>
        <dt>Tâche</dt>
        <dd>{s.tache.titre ?? '—'}</dd>
        <dt>{s.anonymous ? 'Pseudonyme' : 'Étudiant'}</dt>
        <dd>{candidateName(s)}</dd>
        {!s.anonymous && s.student ? (
          <>
            <dt>E-mail</dt>
            <dd>{s.student.email}</dd>
          </>
        ) : null}
        <dt>Modèle</dt>
        <dd>{s.modelName}</dd>
      </dl>
      {s.anonymous ? (
        <p className="hint">Ce hackathon est anonyme : l’identité de l’étudiant vous est cachée.</p>
      ) : null}
    </section>
  );
}
