import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { ApiError, call } from '../../api/errors';
import { ErrorMessage, Field, Loading, Page } from '../../ui/components';
import { formErrorsOf, type FormErrors } from '../../ui/form-errors';
import { FormErrorSummary } from '../../ui/FormErrorSummary';
import { useLoad } from '../../ui/use-load';
import {
  ACCEPTED_TODAY,
  FIELD_LABELS,
  SERVER_PATHS,
  draftErrors,
  draftOf,
  emptyDraft,
  emptyTask,
  followStart,
  hackathonBody,
  sentTaskIndexes,
  tokensHint,
  type Draft,
  type DraftField,
  type TaskDraft,
} from './hackathon-draft';
import { checksErrorsOf, verificationBody } from './checks-draft';
import { ModelsField } from './ModelsField';
import { TaskEditor } from './TaskEditor';

const withoutId = ({ id: _id, ...task }: { id?: string; titre: string }) => task;
const NO_ERRORS: FormErrors<DraftField> = { fields: {}, others: [] };
/** Fields whose server message goes when one of them changes (the dates are checked together). */
const CLEARS: Partial<Record<keyof Draft, DraftField[]>> = { debut: ['debut', 'fin'], fin: ['debut', 'fin'] };

/**
 * `/admin/hackathons/nouveau` and `/admin/hackathons/:id/modifier`: a hackathon's settings.
 * Each problem is said next to its field (hackathon-draft.ts draftErrors, then the server's
 * answer), and goes away as soon as the field is fixed.
 */
export function HackathonFormPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<Draft | null>(id ? null : emptyDraft(new Date()));
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [tried, setTried] = useState(false);
  const [server, setServer] = useState(NO_ERRORS);
  const [finChosen, setFinChosen] = useState(!!id);
  const [busy, setBusy] = useState(false);
  const [focusInvalid, setFocusInvalid] = useState(0);
  /** The server's (or a try's) problems of each task's checks, by draft index then checks-draft.ts key. */
  const [checksServer, setChecksServer] = useState<Record<number, Record<string, string>>>({});
  const form = useRef<HTMLFormElement>(null);
  const models = useLoad(() => call(api.GET('/api/v1/ai/models')), []);
  const accepted = ACCEPTED_TODAY;

  useEffect(() => {
    if (!id) return;
    call(api.GET('/api/v1/hackathons/{id}', { params: { path: { id } } })).then(
      (r) => setDraft(draftOf(r.hackathon)),
      (err: unknown) => setLoadError(err instanceof ApiError ? err : new ApiError(0, 'CLIENT', String(err))),
    );
  }, [id]);

  // After a refused save, the first field to fix gets the focus.
  useEffect(() => {
    if (focusInvalid) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusInvalid]);

  const title = id ? 'Modifier le hackathon' : 'Nouveau hackathon';
  if (!draft)
    return (
      <Page title={title}>
        <ErrorMessage error={loadError} />
        {loadError ? null : <Loading />}
      </Page>
    );

  const own = tried ? draftErrors(draft) : {};
  const errorOf = (f: DraftField) => own[f] ?? server.fields[f] ?? null;
  const checksErrorsAt = (i: number): Record<string, string> => {
    const v = draft.taches[i].verification;
    return { ...(checksServer[i] ?? {}), ...(tried && v ? verificationBody(v).errors : {}) };
  };
  const checksInError = draft.taches.flatMap((t, i) =>
    t.verification && Object.keys(checksErrorsAt(i)).length ? [`Vérification de la tâche ${i + 1}`] : [],
  );
  const inError = [
    ...(Object.keys(FIELD_LABELS) as DraftField[]).filter((f) => errorOf(f)).map((f) => FIELD_LABELS[f]),
    ...checksInError,
  ];

  const set = (patch: Partial<Draft>, next: Draft = { ...draft, ...patch }) => {
    setDraft(next);
    const cleared = (Object.keys(patch) as (keyof Draft)[]).flatMap((k) => CLEARS[k] ?? [k as DraftField]);
    if (cleared.some((f) => server.fields[f])) {
      const fields = Object.fromEntries(
        Object.entries(server.fields).filter(([f]) => !cleared.includes(f as DraftField)),
      );
      setServer({ ...server, fields });
    }
  };
  const setTask = (i: number, patch: Partial<TaskDraft>) => {
    set({ taches: draft.taches.map((t, j) => (j === i ? { ...t, ...patch } : t)) });
    // A changed definition: the server's words about the old one go (the form's own checks stay live).
    if ('verification' in patch && checksServer[i]) setChecksServer({ ...checksServer, [i]: {} });
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!draft) return;
    setTried(true);
    setServer(NO_ERRORS);
    setChecksServer({});
    const checksWrong = draft.taches.some(
      (t) => t.verification && Object.keys(verificationBody(t.verification).errors).length,
    );
    if (Object.keys(draftErrors(draft)).length > 0 || checksWrong) return setFocusInvalid((n) => n + 1);
    setBusy(true);
    try {
      const body = hackathonBody(draft, accepted);
      const saved = id
        ? await call(api.PATCH('/api/v1/hackathons/{id}', { params: { path: { id } }, body }))
        : await call(
            api.POST('/api/v1/hackathons', {
              // A new hackathon's tasks have no id yet.
              body: { ...body, taches: body.taches.map((t) => (typeof t === 'string' ? t : withoutId(t))) },
            }),
          );
      navigate(`/admin/hackathons/${saved.hackathon.id}`);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (err.code === 'INVALID_VERIFICATION') {
        // `taches[k]` counts the tasks sent: those with a title.
        const sent = sentTaskIndexes(draft);
        const byTask: Record<number, Record<string, string>> = {};
        const others: string[] = [];
        sent.forEach((i, k) => {
          const found = checksErrorsOf(err.details, `taches[${k}].verification`);
          if (Object.keys(found).length) byTask[i] = found;
          for (const f of ['consigne', 'systeme'] as const) {
            const m = checksErrorsOf(err.details, `taches[${k}].${f}`)[''];
            if (m) others.push(`Tâche ${i + 1}, ${f === 'consigne' ? 'consigne' : 'prompt système'} : ${m}`);
          }
        });
        setChecksServer(byTask);
        setServer({ fields: {}, others: Object.keys(byTask).length || others.length ? others : [err.message] });
      } else setServer(formErrorsOf(err, SERVER_PATHS));
      setFocusInvalid((n) => n + 1);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={title}>
      <form className="card" onSubmit={submit} noValidate ref={form}>
        <Field label="Nom" error={errorOf('nom')}>
          {(p) => <input {...p} value={draft.nom} onChange={(e) => set({ nom: e.target.value })} required />}
        </Field>
        <Field label="Description" error={errorOf('description')}>
          {(p) => <textarea {...p} value={draft.description} onChange={(e) => set({ description: e.target.value })} />}
        </Field>
        <Field
          label="Objectifs"
          hint="Un objectif par ligne : ils s’affichent en liste, ici et pour les étudiants."
          error={errorOf('objectifs')}
        >
          {(p) => <textarea {...p} value={draft.objectifs} onChange={(e) => set({ objectifs: e.target.value })} />}
        </Field>
        <div className="columns">
          <Field
            label="Début"
            hint={id ? undefined : 'Par défaut : le prochain quart d’heure.'}
            error={errorOf('debut')}
          >
            {(p) => (
              <input
                {...p}
                type="datetime-local"
                value={draft.debut}
                onChange={(e) =>
                  finChosen
                    ? set({ debut: e.target.value })
                    : set({ debut: e.target.value }, followStart(draft, e.target.value))
                }
              />
            )}
          </Field>
          <Field
            label="Fin"
            hint={
              id
                ? undefined
                : 'Par défaut : deux heures après le début, une séance. Pour un hackathon sur plusieurs jours, reculez la fin.'
            }
            error={errorOf('fin')}
          >
            {(p) => (
              <input
                {...p}
                type="datetime-local"
                value={draft.fin}
                onChange={(e) => {
                  setFinChosen(true);
                  set({ fin: e.target.value });
                }}
              />
            )}
          </Field>
        </div>
        <fieldset>
          <legend>Tâches</legend>
          {draft.taches.map((t, i) => (
            <TaskEditor
              key={i}
              index={i}
              task={t}
              error={i === 0 ? errorOf('taches') : null}
              withConsigne={accepted.consigne}
              withChecks={accepted.verification}
              hackathonId={id}
              checksErrors={checksErrorsAt(i)}
              onChecksErrors={(errors) => setChecksServer({ ...checksServer, [i]: errors })}
              onChange={(patch) => setTask(i, patch)}
              onRemove={() => {
                set({ taches: draft.taches.filter((_, j) => j !== i) });
                setChecksServer({});
              }}
            />
          ))}
          {draft.taches.length === 0 && errorOf('taches') ? <p className="field-error">{errorOf('taches')}</p> : null}
          <button type="button" className="secondary" onClick={() => set({ taches: [...draft.taches, emptyTask()] })}>
            Ajouter une tâche
          </button>
        </fieldset>
        <div className="columns">
          <Field
            label="Prompts par étudiant"
            hint="Chaque message envoyé à l’IA compte pour un prompt."
            error={errorOf('prompts')}
          >
            {(p) => (
              <input
                {...p}
                type="number"
                min={1}
                inputMode="numeric"
                value={draft.prompts}
                onChange={(e) => set({ prompts: e.target.value })}
              />
            )}
          </Field>
          <Field
            label="Tokens par étudiant"
            hint={tokensHint(draft.tokens, models.data?.maxTokens.default)}
            error={errorOf('tokens')}
          >
            {(p) => (
              <input
                {...p}
                type="number"
                min={1}
                inputMode="numeric"
                value={draft.tokens}
                onChange={(e) => set({ tokens: e.target.value })}
              />
            )}
          </Field>
        </div>
        {accepted.verification ? (
          <Field
            label="Budget de vérification (tokens)"
            hint="Ce que les vérifications automatiques de tout le hackathon peuvent consommer (soumissions rejouées et essais de l’enseignant), jamais décompté des étudiants. Épuisé, les vérifications s’arrêtent : augmentez-le puis relancez-les."
            error={errorOf('budgetVerification')}
          >
            {(p) => (
              <input
                {...p}
                type="number"
                min={0}
                inputMode="numeric"
                value={draft.budgetVerification}
                onChange={(e) => set({ budgetVerification: e.target.value })}
              />
            )}
          </Field>
        ) : null}
        {accepted.modeles && models.data ? (
          <ModelsField models={models.data.models} chosen={draft.modeles} onChange={(modeles) => set({ modeles })} />
        ) : null}
        <Field
          label="Accès"
          hint="Sur liste : seuls les étudiants de la liste des participants le voient et y participent."
          error={errorOf('acces')}
        >
          {(p) => (
            <select
              {...p}
              value={draft.acces}
              onChange={(e) => set({ acces: e.target.value === 'liste' ? 'liste' : 'tous' })}
            >
              <option value="tous">Tous les étudiants</option>
              <option value="liste">Sur liste</option>
            </select>
          )}
        </Field>
        <div className="field checkbox">
          <input
            id="anonymat"
            type="checkbox"
            checked={draft.anonymatActif}
            onChange={(e) => set({ anonymatActif: e.target.checked })}
          />
          <label htmlFor="anonymat">Anonymat : les examinateurs voient « Candidat N » au lieu des noms</label>
        </div>
        <FormErrorSummary fields={inError} others={server.others} />
        <button type="submit" disabled={busy}>
          {id ? 'Enregistrer' : 'Créer le hackathon'}
        </button>
      </form>
    </Page>
  );
}
