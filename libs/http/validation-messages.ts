import { ValidationError } from 'class-validator';

/** French wording for class-validator's default messages; a DTO's own message wins. */
const FRENCH: Record<string, (c: { value: unknown }) => string> = {
  whitelistValidation: () => 'champ non autorisé',
  isString: () => 'doit être une chaîne de caractères',
  isEmail: () => 'Format email invalide',
  isBoolean: () => 'doit être un booléen',
  isInt: () => 'doit être un nombre entier',
  isNumber: () => 'doit être un nombre',
  isPositive: () => 'doit être un nombre positif',
  min: () => 'valeur trop petite',
  max: () => 'valeur trop grande',
  minLength: () => 'trop court',
  maxLength: () => 'trop long',
  isNotEmpty: () => 'ne doit pas être vide',
  isDefined: () => 'est requis',
  isIn: () => 'valeur non autorisée',
  isEnum: () => 'valeur non autorisée',
  isMongoId: () => 'identifiant invalide',
  isDateString: () => 'doit être une date ISO-8601',
  isDate: () => 'doit être une date',
  isISO8601: () => 'doit être une date ISO-8601',
  isArray: () => 'doit être un tableau',
  arrayMinSize: () => 'tableau trop court',
  arrayMaxSize: () => 'tableau trop long',
  isObject: () => 'doit être un objet',
  nestedValidation: () => 'objet invalide',
  equals: () => 'valeur non autorisée',
  isUrl: () => 'doit être une URL',
  matches: () => 'format invalide',
};

const ENGLISH_DEFAULT = /^(each value in )?(property )?[\w.[\]]+ (must|should|has)/;

export interface FieldError {
  field: string;
  messages: string[];
}

/** Flattens nested class-validator errors into `{field: "a.b", messages}` entries. */
export function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = parent ? `${parent}.${e.property}` : e.property;
    if (e.constraints) {
      const messages = Object.entries(e.constraints).map(([key, msg]) =>
        ENGLISH_DEFAULT.test(msg) && FRENCH[key] ? FRENCH[key]({ value: e.value }) : msg,
      );
      out.push({ field, messages });
    }
    if (e.children?.length) out.push(...toFieldErrors(e.children, field));
  }
  return out;
}
