// The evaluation context's public face: other contexts import from here only.
export { EvaluationModule } from './evaluation.module';
// For exports (e.g. the admin context's export-results job): the ranked results and the stats.
export { LeaderboardUseCase as EvaluationResults } from './leaderboard/leaderboard.controller';
export { EvaluationStatsUseCase as EvaluationStats } from './stats/evaluation-stats.controller';
export { labelOf, ECHELLE_NOTATION } from './note-scale';
export { EvaluationIntegrity } from './evaluation-integrity.service';
export type { EvaluationLink } from './evaluation-integrity.service';
export { EvaluationPrivacy } from './evaluation-privacy.service';
export type { EvaluationRecord } from './evaluation.repository';
