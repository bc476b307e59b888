import { messageFor, type ApiError } from '../api/errors';
import { fieldErrorsOf } from './field-errors';

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
