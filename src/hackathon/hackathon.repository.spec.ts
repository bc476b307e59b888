import { Types } from 'mongoose';
import { escapeRegex, toHackathonView } from './hackathon.repository';

describe('escapeRegex (search text is matched literally)', () => {
  it.each(['.*', '(', ')', '\\', '[a-z]+', 'a|b', '^start$', '{2}', 'c++', 'what?', 'x/y-z'])(
    '%j matches itself only',
    (text) => {
      const re = new RegExp(escapeRegex(text), 'i');
      expect(re.test(`avant ${text} après`)).toBe(true);
      // A metacharacter read as such would match something else: '.*' would match "abc".
      expect(re.test('abc')).toBe(false);
    },
  );

  it('leaves letters, digits, accents and spaces alone', () => {
    expect(escapeRegex('Été 2025 IA')).toBe('Été 2025 IA');
  });
});

describe('toHackathonView', () => {
  it('maps _id to id, task _ids to ids, dates to ISO strings, and drops internal counters', () => {
    const _id = new Types.ObjectId();
    const tacheId = new Types.ObjectId();
    const view = toHackathonView({
      _id,
      nom: 'N',
      description: 'D',
      objectifs: 'O',
      dates: { debut: new Date('2025-01-01T00:00:00Z'), fin: new Date('2025-01-02T00:00:00Z'), archiveLe: null },
      anonymatActif: true,
      quotas: { promptsParEtudiant: 10, tokensParEtudiant: 2000 },
      taches: [{ _id: tacheId, titre: 'T' }],
      statut: 'Brouillon',
      statusVersion: 3,
      revision: 7,
      acces: 'liste',
      resultatsPublies: false,
      createdAt: new Date('2024-12-01T00:00:00Z'),
      updatedAt: new Date('2024-12-02T00:00:00Z'),
    });
    expect(view).toEqual({
      id: _id.toHexString(),
      nom: 'N',
      description: 'D',
      objectifs: 'O',
      dates: { debut: '2025-01-01T00:00:00.000Z', fin: '2025-01-02T00:00:00.000Z', archiveLe: null },
      anonymatActif: true,
      // A document written before docs/api.md 1.2 gets its defaults.
      quotas: { promptsParEtudiant: 10, tokensParEtudiant: 2000, tokensVerification: 200_000 },
      taches: [
        {
          id: tacheId.toHexString(),
          titre: 'T',
          consigne: null,
          systeme: null,
          avecVerification: false,
          entrees: [],
          maxTokensPrompt: null,
          casPublics: [],
          verification: null,
        },
      ],
      modeles: [],
      classement: { poidsNote: 1, poidsScore: 0 },
      statut: 'Brouillon',
      acces: 'liste',
      resultatsPublies: false,
      createdAt: '2024-12-01T00:00:00.000Z',
      updatedAt: '2024-12-02T00:00:00.000Z',
    });
  });

  it('reads a task’s verification back from its JSON text, public cases derived for students', () => {
    const verification = {
      cas: [
        { entrees: { texte: 'secret' }, attendu: [{ type: 'contient', valeur: 'x' }], public: false },
        { entrees: { texte: 'vu' }, attendu: [{ type: 'egal', valeur: 'y' }], public: true },
      ],
      regles: [{ type: 'json_schema', valeur: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object' } }],
      maxTokensPrompt: 50,
      repetitions: 2,
      temperature: null,
    };
    const view = toHackathonView({
      _id: new Types.ObjectId(),
      nom: 'N',
      dates: { debut: new Date(), fin: new Date() },
      quotas: { promptsParEtudiant: 1, tokensParEtudiant: 1 },
      taches: [{ _id: new Types.ObjectId(), titre: 'T', verificationJson: JSON.stringify(verification) }],
    } as any);
    expect(view.taches[0]).toMatchObject({
      avecVerification: true,
      entrees: ['texte'],
      maxTokensPrompt: 50,
      casPublics: [{ entrees: { texte: 'vu' }, attendu: [{ type: 'egal', valeur: 'y' }] }],
      verification,
    });
  });
});
