import { Fragment } from 'react';

/** One case's result: passed or failed in words, then each run's answer and why it failed. */
export function CaseRun({
  title,
  entrees,
  runs,
  pending,
}: {
  title: string;
  entrees?: Record<string, string>;
  runs: { reussi: boolean; reponse: string; raisons: string[] }[];
  pending: boolean;
}) {
  const passed = runs.length > 0 && runs.every((r) => r.reussi);
  const verdict = runs.length === 0 ? (pending ? 'en attente' : 'non exécuté') : passed ? 'réussi' : 'échoué';
  return (
    <div className="case-run">
      <p>
        <strong>{title} :</strong>{' '}
        <span className={runs.length === 0 ? 'badge' : passed ? 'badge badge-ok' : 'badge badge-warn'}>
          {passed ? '✓ ' : runs.length ? '✗ ' : ''}
          {verdict}
        </span>
      </p>
      {entrees && Object.keys(entrees).length ? (
        <dl className="facts">
          {Object.entries(entrees).map(([k, v]) => (
            <Fragment key={k}>
              <dt>Entrée « {k} »</dt>
              <dd>{v}</dd>
            </Fragment>
          ))}
        </dl>
      ) : null}
      {runs.map((r, j) => (
        <details key={j}>
          <summary>
            {runs.length > 1 ? `Exécution ${j + 1} : ` : ''}
            {r.reussi ? 'réponse du modèle (réussie)' : 'réponse du modèle et raisons de l’échec'}
          </summary>
          <pre className="model-answer">{r.reponse || '(réponse vide)'}</pre>
          {r.raisons.length ? (
            <ul>
              {r.raisons.map((x) => (
                <li key={x}>{x}</li>
              ))}
            </ul>
          ) : null}
        </details>
      ))}
    </div>
  );
}
