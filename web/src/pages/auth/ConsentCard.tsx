import { useState } from 'react';
import { updateMe } from '../../api/auth';
import { session } from '../../api/client';
import { ApiError } from '../../api/errors';
import { ErrorMessage, Notice } from '../../ui/components';

/** The RGPD consent, saved as soon as it is ticked or unticked. */
export function ConsentCard({ consent }: { consent: boolean }) {
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const toggle = async (value: boolean) => {
    setError(null);
    setSaved(false);
    try {
      const { user } = await updateMe({ consentementRGPD: value });
      session.updateUser(user);
      setSaved(true);
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <section className="card" aria-labelledby="consentement">
      <h2 id="consentement">Consentement</h2>
      <div className="field checkbox">
        <input id="rgpd" type="checkbox" checked={consent} onChange={(e) => void toggle(e.target.checked)} />
        <label htmlFor="rgpd">
          J’accepte que mes conversations et résultats soient traités pour le hackathon (RGPD).
        </label>
      </div>
      {saved ? <Notice kind="success">Consentement enregistré.</Notice> : null}
      <ErrorMessage error={error} />
    </section>
  );
}
