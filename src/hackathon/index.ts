// The hackathon context's public face: other contexts import from here only.
export { HackathonModule } from './hackathon.module';
export { HackathonCatalog, assertOpen } from './hackathon-catalog.service';
export type { HackathonParticipation } from './hackathon-catalog.service';
export type { ParticipantRecord } from './hackathon.repository';
export { HackathonView } from './hackathon.response';
export { HackathonErrors } from './hackathon.errors';
