// Export files (admin).
import { api } from './client';
import { call } from './errors';

/** `GET /admin/exports/:id`: the file an export job wrote, as a blob to save. */
export const downloadExport = (exportId: string) =>
  call(api.GET('/api/v1/admin/exports/{id}', { params: { path: { id: exportId } }, parseAs: 'blob' }));
