// The class dashboard (admin): its snapshot and the ticket of its live stream.
import { api } from './client';
import { call } from './errors';

/** `GET /hackathons/:id/dashboard`: a row per student and the class totals. */
export const getDashboard = (hackathonId: string) =>
  call(api.GET('/api/v1/hackathons/{id}/dashboard', { params: { path: { id: hackathonId } } }));

/** `POST /hackathons/:id/dashboard/stream-ticket`: a one-time ticket to open the live stream. */
export const dashboardStreamTicket = (hackathonId: string) =>
  call(api.POST('/api/v1/hackathons/{id}/dashboard/stream-ticket', { params: { path: { id: hackathonId } } })).then(
    (r) => r.ticket,
  );

/** The URL of the dashboard's live stream (opened with a ticket, web/src/api/stream.ts). */
export const dashboardStreamUrl = (hackathonId: string) => `/api/v1/hackathons/${hackathonId}/dashboard/stream`;
