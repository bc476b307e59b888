import { ApiError } from '../../api/errors';

/** What the page says when the API refuses a grade, where its words are not enough. */
export function gradingRefusal(err: ApiError): ApiError {
  if (err.code === 'ALREADY_EVALUATED')
    return new ApiError(
      err.status,
      err.code,
      'Vous avez déjà évalué cette copie : modifiez votre évaluation depuis « Mes évaluations ».',
    );
  if (err.code === 'GRADING_CLOSED')
    return new ApiError(
      err.status,
      err.code,
      'Les corrections de ce hackathon sont closes : la note n’a pas été enregistrée.',
    );
  return err;
}
