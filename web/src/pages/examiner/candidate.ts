/** Who wrote a copy, as the examiner may know it: the pseudonym when anonymous, else the name. */
export function candidateName(x: {
  candidat: string;
  anonymous: boolean;
  student?: { prenom: string; nom: string } | null;
}): string {
  if (x.anonymous || !x.student) return x.candidat;
  return `${x.student.prenom} ${x.student.nom}`;
}
