/** What the page says while it loads. */
export function Loading({ what = 'Chargement' }: { what?: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      {what}…
    </p>
  );
}
