// The verification context's public face: other contexts import from here only.
export { VerificationModule } from './verification.module';
export { ReplayChecksUseCase, ReplayRetryLater, REPLAY_PARALLELISM } from './replay-checks/replay-checks.usecase';
export type { ReplayRequest } from './replay-checks/replay-checks.usecase';
export { VerificationBudget } from './budget/verification-budget';
export { assertPlaceholders, fillPlaceholders, placeholderMismatch, placeholdersOf } from './prompt-placeholders';
export { evaluateRules } from './rules/rule-evaluation';
export type { RulesOutcome } from './rules/rule-evaluation';
export { pendingSummary, summaryForStudent } from './verification-summary';
export type {
  CaseResult,
  ExecutionResult,
  StudentVerificationSummary,
  VerificationStatut,
  VerificationSummary,
} from './verification-summary';
export { VerificationErrors } from './verification.errors';
export {
  VerificationCaseResult,
  VerificationEvent,
  VerificationExecution,
  VerificationReason,
  VerificationView,
} from './verification.response';
export { fingerprintOf } from './replay-checks/replay-checks.usecase';
