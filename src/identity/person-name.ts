import { ValidateBy, ValidationOptions } from 'class-validator';

// Control characters (C0, DEL, C1), and the bidirectional embeddings, overrides and isolates
// that make a name display as something else (U+202A–U+202E, U+2066–U+2069).
// eslint-disable-next-line no-control-regex -- control characters are what this refuses
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
// Characters that show nothing: spaces, zero-width characters, marks without a base.
const INVISIBLE = /[\s\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u2060-\u2064\u3164\ufeff\uffa0]/g;

/** Why a `prenom` or `nom` is refused (French), or null when it is fine. */
export function personNameProblem(value: string): string | null {
  if (FORBIDDEN.test(value)) return 'caractères de contrôle ou de direction du texte interdits';
  if (value.replace(INVISIBLE, '') === '') return 'ne contient aucun caractère visible';
  return null;
}

/** `prenom`/`nom`: no control or bidi-override character, at least one visible character. */
export function IsPersonName(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPersonName',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && personNameProblem(value) === null,
        defaultMessage: (args) => (typeof args?.value === 'string' && personNameProblem(args.value)) || 'nom invalide',
      },
    },
    options,
  );
}
