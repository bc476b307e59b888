import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { Schema } from '@prompt-challenge/api-client';
import { getSubmission, gradeCopy } from '../../api/examiner';
import { ApiError } from '../../api/errors';
import { getHackathon } from '../../api/hackathons';
import { ErrorMessage, formatDate, Loading, Page } from '../../ui/components';
import { Markdown } from '../../ui/Markdown';
import { useLoad } from '../../ui/use-load';
import { candidateName } from './candidate';
import { CopyChecks } from './CopyChecks';
import { CopyIdentity } from './CopyIdentity';
import { CopyMessages } from './CopyMessages';
import { GradeForm } from './GradeForm';
import { gradingRefusal } from './grading-refusal';
import { NextCopy } from './NextCopy';

/**
 * A copy, read in the order it is graded: who (anonymous when the hackathon is), the final
 * version, its automatic checks (every case), the whole conversation, then the grading form; once graded, the next copy of the
 * queue is one link away.
 */
export function CopyView({ conversationId }: { conversationId: string }) {
  const copy = useLoad(() => getSubmission(conversationId).then((r) => r.submission), [conversationId]);
  const [graded, setGraded] = useState<Schema<'EvaluationView'> | null>(null);
  const s = copy.data;
  const checked = s?.versionFinale?.verification ? s.hackathon.id : null;
  // The task's cases (their inputs and expected rules) beside the results: examiners may read them.
  const hackathon = useLoad(
    () => (checked ? getHackathon(checked).then((r) => r.hackathon) : Promise.resolve(null)),
    [checked],
  );
  if (copy.error)
    return (
      <Page title="Copie">
        <ErrorMessage error={copy.error} />
        <p>
          <Link to="/examinateur">Retour aux copies à corriger</Link>
        </p>
      </Page>
    );
  if (!s) return <Loading />;
  const pending = s.assignment?.status === 'pending' && !graded;
  return (
    <Page title={s.anonymous ? `Copie anonyme : ${s.candidat}` : `Copie de ${candidateName(s)}`}>
      <p className="row">
        <Link to="/examinateur">← Copies à corriger</Link>
        {pending ? <a href="#grille">Aller à l’évaluation</a> : null}
      </p>
      <CopyIdentity s={s} />
      <section className="card" aria-labelledby="finale">
        <h2 id="finale">Version finale</h2>
        {s.versionFinale ? (
          <>
            <p className="hint">Soumise le {formatDate(s.versionFinale.soumisLe)}</p>
            <h3>Prompt final</h3>
            <p className="message-content">{s.versionFinale.promptFinal}</p>
            <h3>Réponse retenue</h3>
            <div className="message-content">
              <Markdown text={s.versionFinale.reponseIAFinale} />
            </div>
          </>
        ) : (
          <p>Pas de version finale.</p>
        )}
      </section>
      {s.versionFinale?.verification ? (
        <div className="copy-columns">
          <CopyChecks
            v={s.versionFinale.verification}
            cases={hackathon.data?.taches.find((t) => t.id === s.tache.id)?.verification?.cas}
          />
          <CopyMessages s={s} />
        </div>
      ) : (
        <CopyMessages s={s} />
      )}
      <section className="card" aria-labelledby="grille">
        <h2 id="grille" tabIndex={-1}>
          Évaluation
        </h2>
        {graded ? (
          <NextCopy graded={graded} current={s.conversationId} />
        ) : pending ? (
          <GradeForm
            submitLabel="Enregistrer l’évaluation"
            onSubmit={async (v) => {
              try {
                setGraded((await gradeCopy({ conversationId: s.conversationId, ...v })).evaluation);
              } catch (err) {
                throw gradingRefusal(err as ApiError);
              }
            }}
          />
        ) : (
          <p>
            Vous avez déjà évalué cette copie. Vous pouvez modifier votre évaluation depuis{' '}
            <Link to="/examinateur/evaluations">Mes évaluations</Link>.
          </p>
        )}
      </section>
    </Page>
  );
}
