import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import type { Schema } from '@prompt-challenge/api-client';
import { api } from '../../api/client';
import { ApiError, call } from '../../api/errors';
import { ErrorMessage, Field, Loading, Page } from '../../ui/components';
import { fromLocalInput, toLocalInput } from './dates';

interface TaskDraft {
  id?: string;
  titre: string;
}

interface Draft {
  nom: string;
  description: string;
  objectifs: string;
  debut: string;
  fin: string;
  taches: TaskDraft[];
  prompts: string;
  tokens: string;
  acces: 'tous' | 'liste';
  anonymatActif: boolean;
}

const HOUR = 3600_000;

function emptyDraft(): Draft {
  const now = Date.now();
  return {
    nom: '',
    description: '',
    objectifs: '',
    debut: toLocalInput(new Date(now - HOUR)),
    fin: toLocalInput(new Date(now + 7 * 24 * HOUR)),
    taches: [{ titre: '' }],
    prompts: '30',
    tokens: '8000',
    acces: 'tous',
    anonymatActif: false,
  };
}

function draftOf(h: Schema<'HackathonView'>): Draft {
  return {
    nom: h.nom,
    description: h.description,
    objectifs: h.objectifs,
    debut: toLocalInput(h.dates.debut),
    fin: toLocalInput(h.dates.fin),
    taches: h.taches.map((t) => ({ id: t.id, titre: t.titre })),
    prompts: String(h.quotas.promptsParEtudiant),
    tokens: String(h.quotas.tokensParEtudiant),
    acces: h.acces,
    anonymatActif: h.anonymatActif,
  };
}

/** `/admin/hackathons/nouveau` and `/admin/hackathons/:id/modifier`: a hackathon's settings. */
export function HackathonFormPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<Draft | null>(id ? null : emptyDraft());
  const [error, setError] = useState<ApiError | string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!id) return;
    call(api.GET('/api/v1/hackathons/{id}', { params: { path: { id } } })).then(
      (r) => setDraft(draftOf(r.hackathon)),
      (err: unknown) => setError(err instanceof ApiError ? err : String(err)),
    );
  }, [id]);

  const title = id ? 'Modifier le hackathon' : 'Nouveau hackathon';
  if (!draft)
    return (
      <Page title={title}>
        <ErrorMessage error={error} />
        {error ? null : <Loading />}
      </Page>
    );

  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const setTask = (i: number, titre: string) =>
    set({ taches: draft.taches.map((t, j) => (j === i ? { ...t, titre } : t)) });

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!draft) return;
    const debut = fromLocalInput(draft.debut);
    const fin = fromLocalInput(draft.fin);
    if (!debut || !fin) return setError('Indiquez une date de début et une date de fin.');
    if (fin <= debut) return setError('La fin doit venir après le début.');
    const taches = draft.taches.filter((t) => t.titre.trim() !== '');
    const quotas = { promptsParEtudiant: Number(draft.prompts), tokensParEtudiant: Number(draft.tokens) };
    setBusy(true);
    setError(null);
    try {
      const body = {
        nom: draft.nom,
        description: draft.description,
        objectifs: draft.objectifs,
        dates: { debut, fin },
        anonymatActif: draft.anonymatActif,
        acces: draft.acces,
        quotas,
      };
      const saved = id
        ? await call(
            api.PATCH('/api/v1/hackathons/{id}', {
              params: { path: { id } },
              body: { ...body, taches: taches.map((t) => (t.id ? { id: t.id, titre: t.titre } : t.titre)) },
            }),
          )
        : await call(api.POST('/api/v1/hackathons', { body: { ...body, taches: taches.map((t) => t.titre) } }));
      navigate(`/admin/hackathons/${saved.hackathon.id}`);
    } catch (err) {
      setError(err instanceof ApiError ? err : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={title}>
      <form className="card" onSubmit={submit} noValidate>
        <Field label="Nom">
          {(p) => <input {...p} value={draft.nom} onChange={(e) => set({ nom: e.target.value })} required />}
        </Field>
        <Field label="Description">
          {(p) => <textarea {...p} value={draft.description} onChange={(e) => set({ description: e.target.value })} />}
        </Field>
        <Field label="Objectifs">
          {(p) => <textarea {...p} value={draft.objectifs} onChange={(e) => set({ objectifs: e.target.value })} />}
        </Field>
        <div className="columns">
          <Field label="Début">
            {(p) => (
              <input
                {...p}
                type="datetime-local"
                value={draft.debut}
                onChange={(e) => set({ debut: e.target.value })}
              />
            )}
          </Field>
          <Field label="Fin">
            {(p) => (
              <input {...p} type="datetime-local" value={draft.fin} onChange={(e) => set({ fin: e.target.value })} />
            )}
          </Field>
        </div>
        <fieldset>
          <legend>Tâches</legend>
          {draft.taches.map((t, i) => (
            <div className="task-row" key={i}>
              <Field label={`Tâche ${i + 1}`}>
                {(p) => <input {...p} value={t.titre} onChange={(e) => setTask(i, e.target.value)} />}
              </Field>
              <button
                type="button"
                className="secondary"
                aria-label={`Retirer la tâche ${i + 1}`}
                onClick={() => set({ taches: draft.taches.filter((_, j) => j !== i) })}
              >
                Retirer
              </button>
            </div>
          ))}
          <button type="button" className="secondary" onClick={() => set({ taches: [...draft.taches, { titre: '' }] })}>
            Ajouter une tâche
          </button>
        </fieldset>
        <div className="columns">
          <Field label="Prompts par étudiant">
            {(p) => (
              <input
                {...p}
                type="number"
                min={0}
                value={draft.prompts}
                onChange={(e) => set({ prompts: e.target.value })}
              />
            )}
          </Field>
          <Field label="Tokens par étudiant">
            {(p) => (
              <input
                {...p}
                type="number"
                min={0}
                value={draft.tokens}
                onChange={(e) => set({ tokens: e.target.value })}
              />
            )}
          </Field>
        </div>
        <Field
          label="Accès"
          hint="Sur liste : seuls les étudiants de la liste des participants le voient et y participent."
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
        <ErrorMessage error={error} />
        <button type="submit" disabled={busy}>
          {id ? 'Enregistrer' : 'Créer le hackathon'}
        </button>
      </form>
    </Page>
  );
}
