/** The signed-in student, as far as their own name goes. */
export interface Person {
  prenom: string;
  nom: string;
  email: string;
}

const plain = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether `word` stands as a whole word in `text`, without regard to case or accents. */
function hasWord(text: string, word: string): boolean {
  const w = plain(word.trim());
  if (w.length < 2) return false;
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escape(w)}($|[^\\p{L}\\p{N}])`, 'u').test(plain(text));
}

/**
 * What of the student's own identity a text holds (their first name, last name, e-mail), said
 * as the warning says it: « votre nom « Dubois » ». An anonymous hackathon hides the student
 * from examiners; a final version signed « Léa Dubois » would undo that (issue 22, point 7).
 */
export function identityIn(text: string, person: Person): string[] {
  const found: string[] = [];
  if (hasWord(text, person.prenom)) found.push(`votre prénom « ${person.prenom} »`);
  if (hasWord(text, person.nom)) found.push(`votre nom « ${person.nom} »`);
  if (person.email && plain(text).includes(plain(person.email))) found.push(`votre adresse « ${person.email} »`);
  else {
    const local = person.email.split('@')[0] ?? '';
    if (local.length >= 4 && hasWord(text, local)) found.push(`l’identifiant de votre adresse « ${local} »`);
  }
  return found;
}
