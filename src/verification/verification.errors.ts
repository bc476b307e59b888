import { AppError } from '../../libs/http';

const names = (list: string[]) => list.map((n) => `{{${n}}}`).join(', ');

export const VerificationErrors = {
  /** docs/api.md 1.2: the final prompt's placeholders do not match the inputs of the task's cases. */
  promptPlaceholders: (missing: string[], unused: string[], field = 'promptFinal') => {
    const parts = [
      ...(missing.length ? [`aucune entrée des cas ne remplit ${names(missing)}`] : []),
      ...(unused.length ? [`le prompt n’utilise pas ${names(unused)}`] : []),
    ];
    return new AppError(400, 'PROMPT_PLACEHOLDERS', `Emplacements du prompt à corriger : ${parts.join(' ; ')}`, [
      { field, messages: parts, missing, unused },
    ]);
  },
  /** A teacher's try names a task the hackathon does not have. */
  unknownTask: (tacheId: string) =>
    new AppError(400, 'VALIDATION_FAILED', `Tâche inconnue dans ce hackathon : ${tacheId}`, [
      { field: 'tacheId', messages: ['tâche inconnue'] },
    ]),
  /** A teacher's try unknown, or of another hackathon. */
  essaiNotFound: () => new AppError(404, 'ESSAI_NOT_FOUND', 'Essai introuvable'),
};
