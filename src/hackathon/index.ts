// The hackathon context's public face: other contexts import from here only.
export { HackathonModule } from './hackathon.module';
export { HackathonCatalog, assertOpen, assertModelAllowed } from './hackathon-catalog.service';
export type { HackathonParticipation, TaskOfHackathon } from './hackathon-catalog.service';
export type { TaskDefinition } from './hackathon-tasks';
export {
  compileJsonSchema,
  compileRuleRegex,
  inputNamesOf,
  PLACEHOLDER_NAME,
  readTaskContent,
  RULE_TYPES,
} from './task-verification';
export { VERIFICATION_INPUT_SCHEMA } from './hackathon.dto';
export type { DefinitionProblem, Rule, RuleType, TaskVerification, VerificationCase } from './task-verification';
export type { ParticipantRecord } from './hackathon.repository';
export { HackathonView } from './hackathon.response';
export { HackathonErrors } from './hackathon.errors';
