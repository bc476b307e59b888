/** What deleting an account and erasing a person's data do, for their confirmation (ConfirmDialog). */
export interface Person {
  prenom: string;
  nom: string;
  email: string;
}

/** `DELETE /users/:id`: a soft delete (src/identity/user.repository.ts softDelete). */
export function deleteConsequences(p: Person): string[] {
  return [
    `${p.prenom} ${p.nom} (${p.email}) ne pourra plus se connecter ; ses sessions ouvertes se ferment tout de suite.`,
    'Ses conversations, versions finales et notes sont conservées : classements et exports ne changent pas.',
    'Le compte disparaît de cette liste, et cette page ne permet pas de le rétablir.',
  ];
}

/** `POST /admin/users/:id/erase`: the RGPD erase (src/admin/erase-user/erase-user.usecase.ts). */
export function eraseConsequences(p: Person): string[] {
  return [
    `Le nom, l’adresse e-mail (${p.email}), le numéro d’étudiant, la date de naissance et le profil de ${p.prenom} ${p.nom} sont effacés définitivement, et le compte est fermé.`,
    'Ses conversations et ses notes restent, sans son identité (« Utilisateur supprimé ») : classements et statistiques ne changent pas.',
    'C’est l’effacement demandé au titre du RGPD : il ne peut pas être annulé.',
  ];
}
