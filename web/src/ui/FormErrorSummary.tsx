/**
 * Above a form's button after a refused save: which fields to fix (their own message is next to
 * each of them, see Field in ./components.tsx) and what belongs to no field. Read aloud once.
 */
export function FormErrorSummary({ fields, others }: { fields: string[]; others: string[] }) {
  if (fields.length === 0 && others.length === 0) return null;
  return (
    <div className="alert alert-error" role="alert">
      {fields.length > 0 ? (
        <p>
          {fields.length > 1 ? 'Corrigez les champs signalés' : 'Corrigez le champ signalé'} : {fields.join(', ')}.
        </p>
      ) : null}
      {others.map((o) => (
        <p key={o}>{o}</p>
      ))}
    </div>
  );
}
