import { useEffect, type ReactNode } from 'react';

/** A page: its title in the tab and one h1; `compact` keeps the title small (a phone's first screen is short). */
export function Page({
  title,
  children,
  actions,
  compact = false,
}: {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
  compact?: boolean;
}) {
  useEffect(() => {
    document.title = `${title} · Prompt Challenge`;
  }, [title]);
  return (
    <div className={compact ? 'page page-compact' : 'page'}>
      <header className="page-header">
        <h1>{title}</h1>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </header>
      {children}
    </div>
  );
}
