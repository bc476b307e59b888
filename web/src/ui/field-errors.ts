import type { ApiError } from '../api/errors';

/** The per-field lines of a VALIDATION_FAILED answer (`details: [{field, messages}]`). */
export function fieldErrorsOf(error: ApiError): { field: string; messages: string[] }[] {
  if (error.code !== 'VALIDATION_FAILED') return [];
  return (error.details ?? []).flatMap((d) => {
    if (typeof d !== 'object' || d === null) return [];
    const { field, messages } = d as { field?: unknown; messages?: unknown };
    return Array.isArray(messages)
      ? [{ field: typeof field === 'string' ? field : '', messages: messages.map(String) }]
      : [];
  });
}
