/**
 * Test-data builder for hackathons, shared by unit and e2e tests. `build()` gives the body of
 * POST /hackathons (ISO strings, as a client sends it); `buildView()` gives a stored hackathon
 * as the hackathon context answers it (for use cases tested with a fake repository).
 *
 * Defaults: a hackathon running at `now` (started an hour ago, ending in a day), standard
 * quotas (docs/data-model.md §5.3: 30 prompts, 8000 tokens), two tasks, not anonymous.
 */
export type StatutValue = 'Brouillon' | 'Test' | 'En cours' | 'Terminé' | 'Archivé';

export interface HackathonBody {
  nom: string;
  description?: string;
  objectifs?: string;
  dates: { debut: string; fin: string };
  anonymatActif?: boolean;
  quotas: { promptsParEtudiant: number; tokensParEtudiant: number; tokensVerification?: number };
  /** Titles, or task objects (`consigne`, `systeme`, `verification`: docs/api.md 1.2). */
  taches?: (string | TaskBody)[];
  modeles?: string[];
  classement?: { poidsNote: number; poidsScore: number };
}

export interface TaskBody {
  titre: string;
  consigne?: string | null;
  systeme?: string | null;
  verification?: unknown;
}

export interface TaskViewData {
  id: string;
  titre: string;
  consigne: string | null;
  systeme: string | null;
  avecVerification: boolean;
  entrees: string[];
  maxTokensPrompt: number | null;
  casPublics: { entrees: Record<string, string>; attendu: any[] }[];
  verification?: any;
}

export interface HackathonViewData {
  id: string;
  nom: string;
  description: string;
  objectifs: string;
  dates: { debut: string; fin: string; archiveLe: string | null };
  anonymatActif: boolean;
  quotas: { promptsParEtudiant: number; tokensParEtudiant: number; tokensVerification: number };
  taches: TaskViewData[];
  modeles: string[];
  classement: { poidsNote: number; poidsScore: number };
  statut: StatutValue;
  acces: 'tous' | 'liste';
  resultatsPublies: boolean;
  createdAt: string;
  updatedAt: string;
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;
let counter = 0;

const hex24 = (n: number) => n.toString(16).padStart(24, '0');

export class HackathonBuilder {
  private body: HackathonBody;

  private constructor(now: Date) {
    const n = ++counter;
    this.body = {
      nom: `Hackathon de test ${n}`,
      description: `Description du hackathon ${n}`,
      objectifs: 'Apprendre à écrire de bons prompts',
      dates: { debut: new Date(now.getTime() - HOUR).toISOString(), fin: new Date(now.getTime() + DAY).toISOString() },
      anonymatActif: false,
      quotas: { promptsParEtudiant: 30, tokensParEtudiant: 8000 },
      taches: ['Analyse de données avec IA', 'Génération de code Python'],
    };
  }

  static aHackathon(now: Date = new Date()): HackathonBuilder {
    return new HackathonBuilder(now);
  }

  named(nom: string): this {
    this.body.nom = nom;
    return this;
  }

  described(description: string): this {
    this.body.description = description;
    return this;
  }

  withObjectifs(objectifs: string): this {
    this.body.objectifs = objectifs;
    return this;
  }

  between(debut: Date | string, fin: Date | string): this {
    const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : d);
    this.body.dates = { debut: iso(debut), fin: iso(fin) };
    return this;
  }

  /** Started `startedMsAgo` before `now`, ends `endsInMs` after it. */
  runningAt(now: Date, startedMsAgo = HOUR, endsInMs = DAY): this {
    return this.between(new Date(now.getTime() - startedMsAgo), new Date(now.getTime() + endsInMs));
  }

  /** Starts `inMs` after `now`. */
  startingAfter(now: Date, inMs = DAY, lastsMs = DAY): this {
    return this.between(new Date(now.getTime() + inMs), new Date(now.getTime() + inMs + lastsMs));
  }

  /** Ended `agoMs` before `now`. */
  endedBefore(now: Date, agoMs = HOUR, lastedMs = DAY): this {
    return this.between(new Date(now.getTime() - agoMs - lastedMs), new Date(now.getTime() - agoMs));
  }

  withQuotas(promptsParEtudiant: number, tokensParEtudiant: number): this {
    this.body.quotas = { promptsParEtudiant, tokensParEtudiant };
    return this;
  }

  withTaches(...taches: (string | TaskBody)[]): this {
    this.body.taches = taches;
    return this;
  }

  anonymous(anonymatActif = true): this {
    this.body.anonymatActif = anonymatActif;
    return this;
  }

  /** Raw overrides, e.g. to build an invalid body. */
  with(overrides: Record<string, unknown>): this {
    this.body = { ...this.body, ...overrides } as HackathonBody;
    return this;
  }

  /** The POST /hackathons body (a deep copy). */
  build(): HackathonBody {
    return JSON.parse(JSON.stringify(this.body));
  }

  /** A stored hackathon with ids, as the context answers it. */
  buildView(overrides: Partial<HackathonViewData> = {}): HackathonViewData {
    const n = ++counter;
    const b = this.build();
    const at = new Date(Date.parse(b.dates.debut) - DAY).toISOString();
    return {
      id: hex24(0xabc000000 + n),
      nom: b.nom,
      description: b.description ?? '',
      objectifs: b.objectifs ?? '',
      dates: { debut: b.dates.debut, fin: b.dates.fin, archiveLe: null },
      anonymatActif: b.anonymatActif ?? false,
      quotas: { tokensVerification: 200_000, ...b.quotas },
      taches: (b.taches ?? []).map((t, i) => ({
        id: hex24(0xdef000000 + n * 1000 + i),
        titre: typeof t === 'string' ? t : t.titre,
        consigne: null,
        systeme: null,
        avecVerification: false,
        entrees: [],
        maxTokensPrompt: null,
        casPublics: [],
        verification: null,
      })),
      modeles: b.modeles ?? [],
      classement: b.classement ?? { poidsNote: 1, poidsScore: 0 },
      statut: 'Brouillon',
      acces: 'tous',
      resultatsPublies: false,
      createdAt: at,
      updatedAt: at,
      ...overrides,
    };
  }
}

export const aHackathon = (now?: Date) => HackathonBuilder.aHackathon(now);
