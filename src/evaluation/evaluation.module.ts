import { EvaluationPrivacy } from './evaluation-privacy.service';
import { EvaluationIntegrity } from './evaluation-integrity.service';
import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ConversationModule } from '../conversation';
import { HackathonModule } from '../hackathon';
import { IdentityModule } from '../identity';
import { AssignmentRepository } from './assignment.repository';
import { CandidateIdentity } from './candidate-identity';
import { JuryChangesListener } from './jury-changes.listener';
import { EditEvaluationController, EditEvaluationUseCase } from './edit-evaluation/edit-evaluation.controller';
import { EvaluationRepository } from './evaluation.repository';
import {
  CandidatePseudonym,
  CandidatePseudonymSchema,
  Evaluation,
  EvaluationSchema,
  GradingAssignment,
  GradingAssignmentSchema,
} from './evaluation.schema';
import { GetSubmissionController, GetSubmissionUseCase } from './get-submission/get-submission.controller';
import { GradeController } from './grade/grade.controller';
import { GradeUseCase } from './grade/grade.usecase';
import { LeaderboardController, LeaderboardUseCase } from './leaderboard/leaderboard.controller';
import { MyAssignmentsController, MyAssignmentsUseCase } from './my-assignments/my-assignments.controller';
import { MyResultsController } from './my-results/my-results.controller';
import { MyResultsUseCase } from './my-results/my-results.usecase';
import { MyEvaluationsController, MyEvaluationsUseCase } from './my-evaluations/my-evaluations.controller';
import { PseudonymRepository } from './pseudonym.repository';
import { AssignExaminersProcessor } from './run-assignments/assign-examiners.processor';
import { AssignExaminersUseCase } from './run-assignments/assign-examiners.usecase';
import { RunAssignmentsController, RunAssignmentsUseCase } from './run-assignments/run-assignments.controller';
import { EvaluationStatsController, EvaluationStatsUseCase } from './stats/evaluation-stats.controller';

/** Evaluations, the jury of each hackathon, grading assignments (admin job), anonymity, stats, leaderboard (issue 6). */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Evaluation.name, schema: EvaluationSchema },
      { name: GradingAssignment.name, schema: GradingAssignmentSchema },
      { name: CandidatePseudonym.name, schema: CandidatePseudonymSchema },
    ]),
    HackathonModule,
    IdentityModule,
    ConversationModule,
  ],
  controllers: [
    RunAssignmentsController,
    MyAssignmentsController,
    GetSubmissionController,
    // `mine` before `:id`.
    MyEvaluationsController,
    GradeController,
    EditEvaluationController,
    EvaluationStatsController,
    LeaderboardController,
    MyResultsController,
  ],
  providers: [
    EvaluationIntegrity,
    EvaluationPrivacy,
    EvaluationRepository,
    AssignmentRepository,
    PseudonymRepository,
    CandidateIdentity,
    JuryChangesListener,
    RunAssignmentsUseCase,
    AssignExaminersUseCase,
    AssignExaminersProcessor,
    MyAssignmentsUseCase,
    GetSubmissionUseCase,
    GradeUseCase,
    EditEvaluationUseCase,
    MyEvaluationsUseCase,
    EvaluationStatsUseCase,
    LeaderboardUseCase,
    MyResultsUseCase,
  ],
  exports: [LeaderboardUseCase, EvaluationStatsUseCase, EvaluationIntegrity, EvaluationPrivacy],
})
export class EvaluationModule {}
