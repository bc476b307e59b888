export type Role = '' | 'admin' | 'examiner' | 'student';

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  student: 'Étudiant',
  examiner: 'Examinateur',
  admin: 'Administrateur',
  '': 'Sans accès',
};

export const ROLES: Role[] = ['student', 'examiner', 'admin', ''];
