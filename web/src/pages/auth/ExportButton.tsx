import { useState } from 'react';
import { exportMyData } from '../../api/auth';
import { ApiError } from '../../api/errors';
import { downloadBlob } from '../../ui/download';
import { ErrorMessage } from '../../ui/components';

/** Downloads everything the platform keeps on the person (RGPD), as JSON. */
export function ExportButton() {
  const [error, setError] = useState<ApiError | null>(null);
  const run = async () => {
    setError(null);
    try {
      const data = await exportMyData();
      downloadBlob(
        new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }),
        'mes-donnees-prompt-challenge.json',
      );
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <>
      <button type="button" className="secondary" onClick={() => void run()}>
        Télécharger mes données
      </button>
      <ErrorMessage error={error} />
    </>
  );
}
