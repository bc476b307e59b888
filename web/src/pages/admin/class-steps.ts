import { plural } from '../../ui/format';
import type { InvitationCounts } from './invitations';
import type { Statut } from './status';

/** What the getting-started path knows of a class; null: not read (yet, or could not be). */
export interface ClassFacts {
  hackathon: { id: string; statut: Statut; acces: 'tous' | 'liste'; resultatsPublies: boolean } | null;
  accounts: { students: number; examiners: number; invitations: InvitationCounts | null } | null;
  jury: number | null;
  roster: number | null;
  /** Copies given to examiners (the assignments of every jury member). */
  assigned: number | null;
}

export type StepState = 'fait' | 'a-faire';

export interface ClassStep {
  key: 'creer' | 'comptes' | 'jury' | 'participants' | 'ouvrir' | 'attribuer' | 'publier';
  title: string;
  state: StepState;
  /** Where it is done: a page, or a section of the hackathon's page (null: no hackathon yet to do it in). */
  href: string | null;
  detail: string;
}

const OPENED: ReadonlySet<Statut> = new Set<Statut>(['En cours', 'Terminé', 'Archivé']);
const OVER: ReadonlySet<Statut> = new Set<Statut>(['Terminé', 'Archivé']);

function accountsDetail(a: ClassFacts['accounts']): string {
  if (!a) return 'Créez les comptes un par un ou importez la classe depuis un fichier CSV.';
  const made = `${plural(a.students, 'étudiant', 'étudiants')} et ${plural(a.examiners, 'examinateur', 'examinateurs')}`;
  const inv = a.invitations;
  if (!inv) return `${made}. Les comptes créés sans mot de passe reçoivent une invitation par e-mail.`;
  const sent = inv.accepted + inv.pending + inv.expired;
  const parts = [`${plural(inv.accepted, 'invitation acceptée', 'invitations acceptées')} sur ${sent}`];
  if (inv.pending > 0) parts.push(`${plural(inv.pending, 'en attente', 'en attente')}`);
  if (inv.expired > 0) parts.push(`${plural(inv.expired, 'expirée', 'expirées')} (à renvoyer)`);
  return `${made} ; ${parts.join(', ')}.`;
}

/**
 * The steps of a class, in the order a teacher takes them, each with its state and the place
 * where it is done (`base`: the hackathon's page, for its sections).
 */
export function classSteps(f: ClassFacts): ClassStep[] {
  const h = f.hackathon;
  const base = h ? `/admin/hackathons/${h.id}` : '/admin/hackathons/nouveau';
  const section = (anchor: string) => (h ? `${base}#${anchor}` : null);
  const opened = !!h && OPENED.has(h.statut);
  return [
    {
      key: 'creer',
      title: 'Créer le hackathon',
      state: h ? 'fait' : 'a-faire',
      href: h ? `${base}/modifier` : base,
      detail: h
        ? 'Nom, dates, tâches et quotas : modifiables tant qu’il n’est pas terminé.'
        : 'Son nom, ses dates, ses tâches et ce que chaque étudiant peut consommer.',
    },
    {
      key: 'comptes',
      title: 'Créer ou importer les comptes',
      state: f.accounts && f.accounts.students > 0 && f.accounts.examiners > 0 ? 'fait' : 'a-faire',
      href: '/admin/utilisateurs',
      detail: accountsDetail(f.accounts),
    },
    {
      key: 'jury',
      title: 'Choisir le jury',
      state: f.jury ? 'fait' : 'a-faire',
      href: section('jury-titre'),
      detail: f.jury
        ? `${plural(f.jury, 'examinateur', 'examinateurs')} dans le jury.`
        : 'Les examinateurs qui noteront les versions finales.',
    },
    {
      key: 'participants',
      title: 'Établir la liste des participants',
      state: h?.acces === 'tous' || (f.roster ?? 0) > 0 ? 'fait' : 'a-faire',
      href: section('participants-titre'),
      detail:
        h?.acces === 'tous'
          ? 'Ouvert à tous les étudiants : pas de liste à établir.'
          : f.roster
            ? `${plural(f.roster, 'étudiant', 'étudiants')} sur la liste.`
            : 'Les étudiants autorisés (accès « Sur liste »), choisis ou importés avec la classe.',
    },
    {
      key: 'ouvrir',
      title: 'Ouvrir aux étudiants',
      state: opened ? 'fait' : 'a-faire',
      href: section('statut-titre'),
      detail: opened
        ? `Statut : ${h?.statut}.`
        : h?.statut === 'Test'
          ? 'En test pour le moment : ouvrez-le pour la séance réelle.'
          : 'Les étudiants y travaillent pendant ses dates.',
    },
    {
      key: 'attribuer',
      title: 'Attribuer les copies aux examinateurs',
      state: f.assigned ? 'fait' : 'a-faire',
      href: section('attribution-titre'),
      detail: f.assigned
        ? `${plural(f.assigned, 'copie attribuée', 'copies attribuées')}.`
        : 'Une fois le hackathon terminé : chaque version finale va à un ou plusieurs examinateurs.',
    },
    {
      key: 'publier',
      title: 'Publier les résultats',
      state: h?.resultatsPublies ? 'fait' : 'a-faire',
      href: section('statut-titre'),
      detail: h?.resultatsPublies
        ? 'Les étudiants voient leurs notes.'
        : h && OVER.has(h.statut)
          ? 'Quand les copies sont notées : les étudiants voient alors leurs notes et les commentaires.'
          : 'Après la notation, le hackathon terminé.',
    },
  ];
}

/** The first step not done: the one the page points at. */
export function nextStep(steps: readonly ClassStep[]): ClassStep | null {
  return steps.find((s) => s.state !== 'fait') ?? null;
}
