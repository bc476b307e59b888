import { randomBytes } from 'node:crypto';

/** Registration bodies for tests (unit and e2e); every call gives a fresh email. */
export function aRegistration(overrides: Record<string, unknown> = {}) {
  return {
    prenom: 'Jeanne',
    nom: 'Dupont',
    email: `jeanne.${randomBytes(4).toString('hex')}@ecole.example`,
    password: 'motdepasse-solide',
    consentementRGPD: true,
    ...overrides,
  };
}
