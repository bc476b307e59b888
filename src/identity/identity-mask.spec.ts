import { identityMask, maskStrings } from './identity-mask';

describe('identityMask', () => {
  const mask = identityMask({ prenom: 'Léa', nom: 'Dubois', email: 'lea.dubois@ecole.example' });

  it('masks first name, last name and email, whatever the case and accents', () => {
    expect(mask('Travail signé Léa Dubois (lea.dubois@ecole.example)')).toBe(
      'Travail signé [prénom masqué] [nom masqué] ([email masqué])',
    );
    expect(mask('LEA DUBOIS, LÉA, lea, dubois. Contact : LEA.DUBOIS@ECOLE.EXAMPLE')).toBe(
      '[prénom masqué] [nom masqué], [prénom masqué], [prénom masqué], [nom masqué]. Contact : [email masqué]',
    );
  });

  it('masks whole words only and keeps the rest as written', () => {
    expect(mask('Léandre et Duboisier ne sont pas Léa ; «Dubois»')).toBe(
      'Léandre et Duboisier ne sont pas [prénom masqué] ; «[nom masqué]»',
    );
    expect(mask('Aucun nom ici : é à ü 😀')).toBe('Aucun nom ici : é à ü 😀');
  });

  it('masks a compound name as one, with a hyphen or a space, and its long parts alone', () => {
    const m = identityMask({ prenom: 'Jean-Éric', nom: 'De La Fontaine', email: 'je@x.example' });
    expect(m('Jean Eric de la fontaine')).toBe('[prénom masqué] [nom masqué]');
    expect(m('signé Éric, Fontaine, de la classe')).toBe('signé [prénom masqué], [nom masqué], de la classe');
  });

  it('never masks its own labels again', () => {
    const m = identityMask({ prenom: 'Nom', nom: 'Masqué', email: 'n@x.example' });
    expect(m('Nom Masqué')).toBe('[prénom masqué] [nom masqué]');
  });

  it('masks every string of a value but the keys it keeps', () => {
    const value = { promptFinal: 'Par Léa', messageId: 'Léa', cas: [{ reponse: 'Dubois' }], n: 3 };
    expect(maskStrings(value, mask, new Set(['messageId']))).toEqual({
      promptFinal: 'Par [prénom masqué]',
      messageId: 'Léa',
      cas: [{ reponse: '[nom masqué]' }],
      n: 3,
    });
  });
});
