import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { Schema } from '@prompt-challenge/api-client';
import { ApiError } from '../../api/errors';
import { getSubmission, gradeCopy } from '../../api/examiner';
import { ErrorMessage, formatDate, Loading, Notice, Page } from '../../ui/components';
import { useLoad } from '../../ui/use-load';
import { candidateName } from './candidate';
import { GradeForm } from './GradeForm';
import { formatNote } from './grading';

type Submission = Schema<'Submission'>;

const WHO: Record<Schema<'SubmissionMessage'>['role'], string> = {
  student: 'Candidat',
  assistant: 'Assistant',
  system: 'Plateforme',
};

/** What the page says when the API refuses a grade, where its words are not enough. */
export function gradingRefusal(err: ApiError): ApiError {
  if (err.code === 'ALREADY_EVALUATED')
    return new ApiError(
      err.status,
      err.code,
      'Vous avez déjà évalué cette copie : modifiez votre évaluation depuis « Mes évaluations ».',
    );
  if (err.code === 'GRADING_CLOSED')
    return new ApiError(
      err.status,
      err.code,
      'Les corrections de ce hackathon sont closes : la note n’a pas été enregistrée.',
    );
  return err;
}

/** `/examinateur/copies/:conversationId`: the submission (anonymous when the hackathon is) and the grading form. */
export function CopyPage() {
  const { conversationId = '' } = useParams();
  const copy = useLoad(() => getSubmission(conversationId).then((r) => r.submission), [conversationId]);
  const [graded, setGraded] = useState<Schema<'EvaluationView'> | null>(null);
  const s = copy.data;
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
      <p>
        <Link to="/examinateur">Retour aux copies à corriger</Link>
      </p>
      <Identity s={s} />
      <section className="card" aria-labelledby="finale">
        <h2 id="finale">Version finale</h2>
        {s.versionFinale ? (
          <>
            <p className="hint">Soumise le {formatDate(s.versionFinale.soumisLe)}</p>
            <h3>Prompt final</h3>
            <p className="message-content">{s.versionFinale.promptFinal}</p>
            <h3>Réponse retenue</h3>
            <p className="message-content">{s.versionFinale.reponseIAFinale}</p>
          </>
        ) : (
          <p>Pas de version finale.</p>
        )}
      </section>
      <section className="card" aria-labelledby="grille">
        <h2 id="grille">Évaluation</h2>
        {graded ? (
          <Notice kind="success">
            Évaluation enregistrée : {formatNote(graded.note)} / 10 ({graded.label}).{' '}
            <Link to="/examinateur">Copie suivante</Link> · <Link to="/examinateur/evaluations">Mes évaluations</Link>
          </Notice>
        ) : null}
        {pending ? (
          <GradeForm
            submitLabel="Enregistrer l’évaluation"
            onSubmit={async (v) => {
              try {
                const { evaluation } = await gradeCopy({ conversationId: s.conversationId, ...v });
                setGraded(evaluation);
              } catch (err) {
                throw gradingRefusal(err as ApiError);
              }
            }}
          />
        ) : !graded ? (
          <p>
            Vous avez déjà évalué cette copie. Vous pouvez modifier votre évaluation depuis{' '}
            <Link to="/examinateur/evaluations">Mes évaluations</Link>.
          </p>
        ) : null}
      </section>
      <section className="card" aria-labelledby="echanges">
        <h2 id="echanges">Conversation ({s.messageCount} messages)</h2>
        <ol className="messages" aria-label="Messages de la conversation">
          {s.messages.map((m) => (
            <li key={m.id} className={`message ${m.role === 'student' ? 'message-user' : 'message-assistant'}`}>
              <p className="message-content">{m.content}</p>
              <p className="message-meta">
                {WHO[m.role]} · {formatDate(m.createdAt)}
              </p>
            </li>
          ))}
        </ol>
      </section>
    </Page>
  );
}

function Identity({ s }: { s: Submission }) {
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
