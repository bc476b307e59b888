import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ConversationModule } from '../conversation';
import { HackathonModule } from '../hackathon';
import { IdentityModule } from '../identity';
import { AssignExaminersProcessor } from './assign-examiners/assign-examiners.processor';
import { AssignExaminersUseCase } from './assign-examiners/assign-examiners.usecase';
import { AssignmentRepository } from './assignment.repository';
import { CandidateIdentity } from './candidate-identity';
import { EditEvaluationController } from './edit-evaluation/edit-evaluation.controller';
import { EditEvaluationUseCase } from './edit-evaluation/edit-evaluation.usecase';
import { EvaluationIntegrity } from './evaluation-integrity.service';
import { EvaluationPrivacy } from './evaluation-privacy.service';
import { EvaluationResults } from './evaluation-results.service';
import { EvaluationStatsController } from './evaluation-stats/evaluation-stats.controller';
import { EvaluationStatsUseCase } from './evaluation-stats/evaluation-stats.usecase';
import { EvaluationRepository } from './evaluation.repository';
import {
  CandidatePseudonym,
  CandidatePseudonymSchema,
  Evaluation,
  EvaluationSchema,
  GradingAssignment,
  GradingAssignmentSchema,
} from './evaluation.schema';
import { GetAssignmentsJobController } from './get-assignments-job/get-assignments-job.controller';
import { GetAssignmentsJobUseCase } from './get-assignments-job/get-assignments-job.usecase';
import { GetSubmissionController } from './get-submission/get-submission.controller';
import { GetSubmissionUseCase } from './get-submission/get-submission.usecase';
import { GradeController } from './grade/grade.controller';
import { GradeUseCase } from './grade/grade.usecase';
import { JuryChangesListener } from './jury-changes.listener';
import { LeaderboardController } from './leaderboard/leaderboard.controller';
import { LeaderboardUseCase } from './leaderboard/leaderboard.usecase';
import { MyAssignmentsController } from './my-assignments/my-assignments.controller';
import { MyAssignmentsUseCase } from './my-assignments/my-assignments.usecase';
import { MyEvaluationsController } from './my-evaluations/my-evaluations.controller';
import { MyEvaluationsUseCase } from './my-evaluations/my-evaluations.usecase';
import { MyResultsController } from './my-results/my-results.controller';
import { MyResultsUseCase } from './my-results/my-results.usecase';
import { PseudonymRepository } from './pseudonym.repository';
import { RunAssignmentsController } from './run-assignments/run-assignments.controller';
import { RunAssignmentsUseCase } from './run-assignments/run-assignments.usecase';
import { SendGradingAssignmentsProcessor } from './send-grading-assignments/send-grading-assignments.processor';
import { SendGradingAssignmentsUseCase } from './send-grading-assignments/send-grading-assignments.usecase';

/** Evaluations, grading assignments (admin job) and their mails, anonymity, stats, leaderboard. */
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
    GetAssignmentsJobController,
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
    EvaluationRepository,
    AssignmentRepository,
    PseudonymRepository,
    CandidateIdentity,
    EvaluationResults,
    EvaluationIntegrity,
    EvaluationPrivacy,
    JuryChangesListener,
    RunAssignmentsUseCase,
    GetAssignmentsJobUseCase,
    AssignExaminersUseCase,
    AssignExaminersProcessor,
    SendGradingAssignmentsUseCase,
    SendGradingAssignmentsProcessor,
    MyAssignmentsUseCase,
    GetSubmissionUseCase,
    GradeUseCase,
    EditEvaluationUseCase,
    MyEvaluationsUseCase,
    EvaluationStatsUseCase,
    LeaderboardUseCase,
    MyResultsUseCase,
  ],
  exports: [EvaluationResults, EvaluationIntegrity, EvaluationPrivacy],
})
export class EvaluationModule {}
