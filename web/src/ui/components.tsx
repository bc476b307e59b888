import { useEffect, useId, type ReactNode } from 'react';
import { ApiError, messageFor } from '../api/errors';

/** A page: its title in the tab and one h1. */
export function Page({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Prompt Challenge`;
  }, [title]);
  return (
    <div className="page">
      <header className="page-header">
        <h1>{title}</h1>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </header>
      {children}
    </div>
  );
}

/** The per-field lines of a VALIDATION_FAILED answer (`details: [{field, messages}]`). */
export function fieldErrorsOf(error: ApiError): { field: string; messages: string[] }[] {
  if (error.code !== 'VALIDATION_FAILED') return [];
  return (error.details ?? []).flatMap((d) => {
    if (typeof d !== 'object' || d === null) return [];
    const { field, messages } = d as { field?: unknown; messages?: unknown };
    return Array.isArray(messages)
      ? [{ field: typeof field === 'string' ? field : '', messages: messages.map(String) }]
      : [];
  });
}

/** An error said in French, read aloud by screen readers. */
export function ErrorMessage({ error }: { error: ApiError | string | null | undefined }) {
  if (!error) return null;
  const text = typeof error === 'string' ? error : messageFor(error);
  const fields = typeof error === 'string' ? [] : fieldErrorsOf(error);
  return (
    <div className="alert alert-error" role="alert">
      <p>{text}</p>
      {fields.length > 0 ? (
        <ul>
          {fields.map((f, i) => (
            <li key={i}>
              {f.field ? <strong>{f.field} : </strong> : null}
              {f.messages.join(', ')}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function Notice({ children, kind = 'info' }: { children: ReactNode; kind?: 'info' | 'success' | 'warning' }) {
  return (
    <div className={`alert alert-${kind}`} role="status">
      {children}
    </div>
  );
}

export function Loading({ what = 'Chargement' }: { what?: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      {what}…
    </p>
  );
}

/** A labelled form control; `hint` and `error` are tied to it for screen readers. */
export function Field({
  label,
  hint,
  error,
  children,
}: {
  label: string;
  hint?: string;
  error?: string | null;
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** How much of a quota is used: a labelled bar, "12 / 50 prompts". */
export function Gauge({
  label,
  used,
  limit,
  unit,
}: {
  label: string;
  used: number;
  limit: number | null;
  unit: string;
}) {
  const unlimited = limit === null || limit < 0;
  const ratio = unlimited ? 0 : limit === 0 ? 1 : Math.min(1, used / limit);
  const left = unlimited ? null : Math.max(0, limit - used);
  const level = ratio >= 0.9 ? 'high' : ratio >= 0.7 ? 'mid' : 'low';
  const fmt = (n: number) => n.toLocaleString('fr-FR');
  return (
    <div className="gauge">
      <div className="gauge-label">
        <span>{label}</span>
        <span>
          {unlimited ? `${fmt(used)} ${unit} (illimité)` : `${fmt(left ?? 0)} ${unit} restants sur ${fmt(limit)}`}
        </span>
      </div>
      <div
        className={`gauge-bar gauge-${level}`}
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={unlimited ? used : limit}
        aria-valuenow={used}
        aria-valuetext={unlimited ? `${used} ${unit}, illimité` : `${used} ${unit} utilisés sur ${limit}`}
      >
        <div className="gauge-fill" style={{ width: `${Math.round(ratio * 100)}%` }} />
      </div>
    </div>
  );
}

export function ProgressBar({ label, value }: { label: string; value: number }) {
  const v = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div className="progress">
      <div className="gauge-label">
        <span>{label}</span>
        <span>{v} %</span>
      </div>
      <div
        className="gauge-bar"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={v}
      >
        <div className="gauge-fill" style={{ width: `${v}%` }} />
      </div>
    </div>
  );
}

/** A date for people: "2 déc. 2026, 14:05". */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString('fr-FR', { dateStyle: 'medium', timeStyle: 'short' });
}

/** Pages of a listing: « Précédent · Page 2 sur 5 · Suivant ». */
export function Pager({ page, pages, onPage }: { page: number; pages: number; onPage: (p: number) => void }) {
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label="Pagination">
      <button type="button" className="secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        Précédent
      </button>
      <span>
        Page {page} sur {pages}
      </span>
      <button type="button" className="secondary" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        Suivant
      </button>
    </nav>
  );
}
