import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/errors';
import {
  getChecksTrial,
  getVerificationBudget,
  startChecksTrial,
  type ChecksTrial as Trial,
  type VerificationBudget,
} from '../../api/verifications';
import { ErrorMessage, Field } from '../../ui/components';
import { formatNumber } from '../../ui/format';
import { checksErrorsOf, namesOf, verificationBody, type ChecksDraft } from './checks-draft';
import { TrialResults } from './TrialResults';

const POLL_MS = 800;

/**
 * « Tester sur un prompt »: runs the checks as the form holds them (saved or not) on a sample
 * prompt, every case once, hidden ones too, and shows each case's answer and why it failed.
 * Charged to the hackathon's verification budget (said, with what is left), never to a student.
 */
export function ChecksTrial({
  number,
  hackathonId,
  tacheId,
  checks,
  systeme,
  onErrors,
}: {
  number: number;
  /** Absent while the hackathon is not created yet: there is no budget to charge. */
  hackathonId?: string;
  tacheId?: string;
  checks: ChecksDraft;
  systeme: string;
  /** Problems of the definition, by checks-draft.ts key: said next to their fields. */
  onErrors: (errors: Record<string, string>) => void;
}) {
  const [open, setOpen] = useState(false);
  const [prompt, setPrompt] = useState('');
  const [promptError, setPromptError] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [trial, setTrial] = useState<Trial | null>(null);
  const [running, setRunning] = useState(false);
  const [budget, setBudget] = useState<VerificationBudget | null>(null);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);
  useEffect(() => {
    if (open && hackathonId) getVerificationBudget(hackathonId).then(setBudget, () => setBudget(null));
  }, [open, hackathonId]);

  const names = namesOf(checks);
  const example = names.length ? names.map((n) => `{{${n}}}`).join(' ') : '';

  async function run() {
    if (!hackathonId) return;
    setError(null);
    setPromptError(null);
    if (!prompt.trim()) return setPromptError('Écrivez le prompt à essayer.');
    const { body, errors } = verificationBody(checks);
    onErrors(errors);
    if (Object.keys(errors).length)
      return setPromptError('Corrigez d’abord la vérification : les champs sont signalés.');
    setRunning(true);
    setTrial(null);
    try {
      const id = await startChecksTrial(hackathonId, {
        ...(tacheId ? { tacheId } : {}),
        prompt,
        verification: body,
        systeme: systeme.trim() ? systeme : null,
      });
      for (;;) {
        const t = await getChecksTrial(hackathonId, id);
        if (!alive.current) return;
        setTrial(t);
        if (t.statut !== 'en_attente') break;
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
      setBudget(await getVerificationBudget(hackathonId));
    } catch (err) {
      if (!alive.current) return;
      const e = err instanceof ApiError ? err : new ApiError(0, 'CLIENT', (err as Error).message);
      if (e.code === 'INVALID_VERIFICATION') {
        onErrors(checksErrorsOf(e.details, 'verification'));
        setPromptError('Corrigez d’abord la vérification : les champs sont signalés.');
      } else if (e.code === 'PROMPT_PLACEHOLDERS') setPromptError(e.message);
      else setError(e);
    } finally {
      if (alive.current) setRunning(false);
    }
  }

  return (
    <div className="checks-trial">
      <button type="button" className="secondary" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
        {open ? 'Fermer l’essai' : `Tester sur un prompt (tâche ${number})`}
      </button>
      {open ? (
        <div className="card" role="region" aria-label={`Essai de la vérification de la tâche ${number}`}>
          {!hackathonId ? (
            <p>Créez d’abord le hackathon : l’essai est décompté de son budget de vérification.</p>
          ) : (
            <>
              <p className="hint">
                Chaque essai exécute tous les cas, cachés compris, une fois chacun. Il est décompté du budget de
                vérification du hackathon, jamais du quota d’un étudiant.
                {budget
                  ? ` Budget restant : ${formatNumber(budget.restants)} tokens sur ${formatNumber(budget.limite)}.`
                  : ''}
              </p>
              <Field
                label={`Prompt d’exemple (tâche ${number})`}
                hint={
                  example
                    ? `Écrit comme un étudiant l’écrirait, avec ${example} là où vont les entrées des cas.`
                    : 'Écrit comme un étudiant l’écrirait.'
                }
                error={promptError}
              >
                {(p) => <textarea {...p} rows={4} value={prompt} onChange={(e) => setPrompt(e.target.value)} />}
              </Field>
              <button type="button" onClick={() => void run()} disabled={running}>
                {running ? 'Essai en cours…' : 'Lancer l’essai'}
              </button>
              <ErrorMessage error={error} />
              <div aria-live="polite">
                {running && !trial ? <p>Essai envoyé, en attente du modèle…</p> : null}
                {trial ? <TrialResults trial={trial} /> : null}
              </div>
            </>
          )}
        </div>
      ) : null}
    </div>
  );
}
