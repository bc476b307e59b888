import { AppError } from '../../libs/http';
import { assignTaskIds, TaskDefinition } from './hackathon-tasks';

const titles = (tasks: TaskDefinition[]) => tasks.map(({ id, titre }) => ({ id, titre }));
const bare = { consigne: null, systeme: null, verification: null };

const ids = () => {
  let n = 0;
  return () => `new-${++n}`;
};

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected an error');
}

describe('assignTaskIds', () => {
  const existing: TaskDefinition[] = [
    { id: 'aaaaaaaaaaaaaaaaaaaaaaaa', titre: 'Analyse de données', ...bare },
    { id: 'bbbbbbbbbbbbbbbbbbbbbbbb', titre: 'Création de chatbot', ...bare, consigne: 'Écrivez un chatbot' },
  ];

  it('gives every new task its own id, plain strings and {titre} alike, trimmed, in input order', () => {
    expect(titles(assignTaskIds(['  Un ', { titre: 'Deux' }], [], ids()))).toEqual([
      { id: 'new-1', titre: 'Un' },
      { id: 'new-2', titre: 'Deux' },
    ]);
  });

  it('generates 24-hex ids by default, all different', () => {
    const out = assignTaskIds(['a', 'b', 'c']);
    expect(out.every((t) => /^[0-9a-f]{24}$/.test(t.id))).toBe(true);
    expect(new Set(out.map((t) => t.id)).size).toBe(3);
  });

  it('keeps the id of a task whose title is sent again (any case), and of a task renamed by id', () => {
    const out = titles(
      assignTaskIds(
        ['création de chatbot', { id: 'AAAAAAAAAAAAAAAAAAAAAAAA', titre: 'Analyse avancée' }, 'Nouvelle'],
        existing,
        ids(),
      ),
    );
    expect(out).toEqual([
      { id: 'bbbbbbbbbbbbbbbbbbbbbbbb', titre: 'création de chatbot' },
      { id: 'aaaaaaaaaaaaaaaaaaaaaaaa', titre: 'Analyse avancée' },
      { id: 'new-1', titre: 'Nouvelle' },
    ]);
  });

  it('drops tasks left out of the list', () => {
    expect(titles(assignTaskIds(['Création de chatbot'], existing, ids()))).toEqual([
      { id: 'bbbbbbbbbbbbbbbbbbbbbbbb', titre: 'Création de chatbot' },
    ]);
  });

  it('does not give a title the id of a task already claimed by id', () => {
    const out = titles(
      assignTaskIds([{ id: 'aaaaaaaaaaaaaaaaaaaaaaaa', titre: 'Renommée' }, 'Analyse de données'], existing, ids()),
    );
    expect(out).toEqual([
      { id: 'aaaaaaaaaaaaaaaaaaaaaaaa', titre: 'Renommée' },
      { id: 'new-1', titre: 'Analyse de données' },
    ]);
  });

  it.each([
    ['a duplicate title (case-insensitive)', ['Un', 'un']],
    ['an empty title', ['   ']],
    ['an unknown id', [{ id: 'cccccccccccccccccccccccc', titre: 'X' }]],
    [
      'the same id twice',
      [
        { id: 'aaaaaaaaaaaaaaaaaaaaaaaa', titre: 'X' },
        { id: 'aaaaaaaaaaaaaaaaaaaaaaaa', titre: 'Y' },
      ],
    ],
  ])('refuses %s with 400 VALIDATION_FAILED on taches', (_label, input) => {
    const err = errorOf(() => assignTaskIds(input as any, existing, ids()));
    expect(err).toBeInstanceOf(AppError);
    expect(err.status).toBe(400);
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.details).toEqual([expect.objectContaining({ field: 'taches' })]);
  });

  it('keeps what a task held when a field is left out, clears it with null, replaces it when given', () => {
    const verification = { cas: [{ entrees: { texte: 'a' }, attendu: [{ type: 'contient', valeur: 'a' }] }] };
    const [kept, cleared, given] = assignTaskIds(
      [
        'Création de chatbot',
        { id: 'aaaaaaaaaaaaaaaaaaaaaaaa', titre: 'Analyse', consigne: null, systeme: '  Sois bref  ' },
        { titre: 'Nouvelle', verification },
      ],
      [existing[0], { ...existing[1] }].map((t, i) => (i === 0 ? { ...t, consigne: 'ancienne' } : t)),
      ids(),
    );
    expect(kept).toMatchObject({ id: 'bbbbbbbbbbbbbbbbbbbbbbbb', consigne: 'Écrivez un chatbot', verification: null });
    expect(cleared).toMatchObject({ consigne: null, systeme: 'Sois bref' });
    expect(given.verification).toEqual({
      cas: [{ entrees: { texte: 'a' }, attendu: [{ type: 'contient', valeur: 'a' }], public: false }],
      regles: [],
      maxTokensPrompt: null,
      repetitions: 1,
      temperature: null,
    });
  });

  it('refuses a bad content with 400 INVALID_VERIFICATION naming each path', () => {
    const err = errorOf(() =>
      assignTaskIds(
        ['Ok', { titre: 'B', consigne: 'x'.repeat(20_001), verification: { cas: [], repetitions: 6 } }],
        [],
        ids(),
      ),
    );
    expect(err).toMatchObject({ status: 400, code: 'INVALID_VERIFICATION' });
    expect((err.details as { field: string }[]).map((d) => d.field)).toEqual([
      'taches[1].consigne',
      'taches[1].verification.cas',
      'taches[1].verification.repetitions',
    ]);
  });
});
