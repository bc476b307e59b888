import { ValidationPipe } from '@nestjs/common';
import { CommonErrors } from './app-error';
import { toFieldErrors } from './validation-messages';

/**
 * Global validation: unknown fields rejected, types checked and converted, errors as
 * `400 VALIDATION_FAILED` with per-field French messages.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    forbidUnknownValues: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const details = toFieldErrors(errors);
      const summary = details.map((d) => `${d.field} : ${d.messages.join(', ')}`).join(' ; ');
      return CommonErrors.validation(details, summary ? `Données invalides — ${summary}` : 'Données invalides');
    },
  });
}
