import './cases.css';
import type { ReactNode } from 'react';

/** One run of a prompt on a case: passed or failed and why, the model's answer folded. */
export function CaseOutcome({
  title,
  reussi,
  reponse,
  raisons,
  notRun = 'En cours…',
  children,
}: {
  /** What a case without result says. */
  notRun?: string;
  title: string;
  /** null: not run yet. */
  reussi: boolean | null;
  reponse: string | null;
  raisons: readonly string[];
  children?: ReactNode;
}) {
  return (
    <li className="case">
      <p className="case-title">
        <strong>{title}</strong>{' '}
        {reussi === null ? (
          <span className="badge">{notRun}</span>
        ) : reussi ? (
          <span className="badge badge-ok">Réussi</span>
        ) : (
          <span className="badge badge-error">Échoué</span>
        )}
      </p>
      {children}
      {raisons.length > 0 ? (
        <ul className="case-reasons">
          {raisons.map((r, i) => (
            <li key={i}>{r.charAt(0).toUpperCase() + r.slice(1)}</li>
          ))}
        </ul>
      ) : null}
      {reponse !== null ? (
        <details className="case-answer">
          <summary>Réponse de l’IA{title ? ` (${title.toLowerCase()})` : ''}</summary>
          <p className="message-content">{reponse || '(réponse vide)'}</p>
        </details>
      ) : null}
    </li>
  );
}
