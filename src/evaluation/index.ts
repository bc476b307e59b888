// The evaluation context's public face: other contexts import from here only.
export { EvaluationModule } from './evaluation.module';
// For the admin context: the ranked results (export-results), the links of every evaluation
// (integrity-check) and a user's evaluations (RGPD export).
export { EvaluationResults } from './evaluation-results.service';
export type { HackathonResults, RankedSubmission } from './evaluation-results.service';
export type { CandidateView } from './candidate-identity';
export { EvaluationIntegrity } from './evaluation-integrity.service';
export type { EvaluationLink } from './evaluation-integrity.service';
export { EvaluationPrivacy } from './evaluation-privacy.service';
export type { EvaluationRecord } from './evaluation.repository';
export { labelOf, ECHELLE_NOTATION } from './note-scale';
