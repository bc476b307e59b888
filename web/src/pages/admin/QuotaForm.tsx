import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { ApiError, call } from '../../api/errors';
import { Field, Notice } from '../../ui/components';
import { formatNumber, plural } from '../../ui/format';
import { formErrorsOf, type FormErrors } from '../../ui/form-errors';
import { FormErrorSummary } from '../../ui/FormErrorSummary';
import type { DashboardRow } from './dashboard';

type QuotaField = 'prompts' | 'tokens';
const LABELS: Record<QuotaField, string> = { prompts: 'Nouveau total de prompts', tokens: 'Nouveau total de tokens' };
const PATHS: Record<string, QuotaField> = { promptsParEtudiant: 'prompts', tokensParEtudiant: 'tokens' };
const NO_ERRORS: FormErrors<QuotaField> = { fields: {}, others: [] };
const isCount = (v: string) => /^\d+$/.test(v.trim()) && Number(v) >= 1;

/**
 * Sets one student's quotas in this hackathon (`PUT /hackathons/:id/quotas/:studentId`): the
 * numbers typed are new totals that replace the current ones, which the form shows.
 */
export function QuotaForm({
  hackathonId,
  rows,
  onSaved,
}: {
  hackathonId: string;
  rows: DashboardRow[];
  onSaved: (q: { studentId: string; promptsLimit: number; tokensLimit: number }) => void;
}) {
  const [studentId, setStudentId] = useState(rows[0]?.studentId ?? '');
  const [values, setValues] = useState<Record<QuotaField, string>>({ prompts: '', tokens: '' });
  const [server, setServer] = useState(NO_ERRORS);
  const [said, setSaid] = useState<string | null>(null);
  const current = rows.find((r) => r.studentId === studentId);
  const who = current ? `${current.prenom} ${current.nom}` : 'l’étudiant';

  const own: Partial<Record<QuotaField, string>> = {};
  for (const f of ['prompts', 'tokens'] as const)
    if (values[f] && !isCount(values[f])) own[f] = 'Indiquez un nombre entier, au moins 1 (ou laissez vide).';
  const errorOf = (f: QuotaField) => own[f] ?? server.fields[f] ?? null;
  const set = (f: QuotaField, v: string) => {
    setValues({ ...values, [f]: v });
    setServer({ ...server, fields: { ...server.fields, [f]: undefined } });
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setServer(NO_ERRORS);
    setSaid(null);
    if (Object.keys(own).length > 0) return;
    try {
      const q = await call(
        api.PUT('/api/v1/hackathons/{id}/quotas/{studentId}', {
          params: { path: { id: hackathonId, studentId } },
          body: {
            ...(values.prompts ? { promptsParEtudiant: Number(values.prompts) } : {}),
            ...(values.tokens ? { tokensParEtudiant: Number(values.tokens) } : {}),
          },
        }),
      );
      setSaid(
        `Quota de ${who} : ${plural(q.promptsLimit, 'prompt', 'prompts')}, ${plural(q.tokensLimit, 'token', 'tokens')} au total.`,
      );
      setValues({ prompts: '', tokens: '' });
      onSaved(q);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setServer(formErrorsOf(err, PATHS));
    }
  }

  const replaces = (limit: number | undefined) =>
    `Remplace le total actuel${limit === undefined ? '' : ` (${formatNumber(limit)})`}, ne s’y ajoute pas. Vide : inchangé.`;
  const inError = (['prompts', 'tokens'] as const).filter((f) => errorOf(f));
  return (
    <form onSubmit={submit} noValidate>
      <h3>Changer le quota d’un étudiant</h3>
      <div className="columns">
        <Field label="Étudiant">
          {(p) => (
            <select {...p} value={studentId} onChange={(e) => setStudentId(e.target.value)}>
              {rows.map((r) => (
                <option key={r.studentId} value={r.studentId}>
                  {r.prenom} {r.nom}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={LABELS.prompts} hint={replaces(current?.promptsLimit)} error={errorOf('prompts')}>
          {(p) => (
            <input
              {...p}
              type="number"
              min={1}
              inputMode="numeric"
              value={values.prompts}
              onChange={(e) => set('prompts', e.target.value)}
            />
          )}
        </Field>
        <Field label={LABELS.tokens} hint={replaces(current?.tokensLimit)} error={errorOf('tokens')}>
          {(p) => (
            <input
              {...p}
              type="number"
              min={1}
              inputMode="numeric"
              value={values.tokens}
              onChange={(e) => set('tokens', e.target.value)}
            />
          )}
        </Field>
      </div>
      {current ? (
        <p className="hint" aria-live="polite">
          Quota actuel de {who} : {plural(current.promptsUsed, 'prompt utilisé', 'prompts utilisés')} sur{' '}
          {formatNumber(current.promptsLimit)}, {plural(current.tokensUsed, 'token utilisé', 'tokens utilisés')} sur{' '}
          {formatNumber(current.tokensLimit)}.
        </p>
      ) : null}
      <FormErrorSummary fields={inError.map((f) => LABELS[f])} others={server.others} />
      <button type="submit" disabled={!studentId || (!values.prompts && !values.tokens)}>
        Enregistrer le nouveau quota
      </button>
      {said ? <Notice kind="success">{said}</Notice> : null}
    </form>
  );
}
