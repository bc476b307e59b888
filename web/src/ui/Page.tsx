import { useEffect, type ReactNode } from 'react';

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
