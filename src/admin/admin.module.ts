import { EvaluationModule } from '../evaluation';
import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ConversationModule } from '../conversation';
import { HackathonModule } from '../hackathon';
import { IdentityModule } from '../identity';
import { GetJobController } from './get-job/get-job.controller';
import { GetJobUseCase } from './get-job/get-job.usecase';
import { StartJobController } from './start-job/start-job.controller';
import { StartJobUseCase } from './start-job/start-job.usecase';
import { AnalyticsModule } from './analytics/analytics.module';
import { ClassActivityListener } from './class-dashboard/class-activity.listener';
import { ClassRows } from './class-dashboard/class-rows';
import { DashboardStream } from './class-dashboard/dashboard-stream';
import { StudentActivityRepository } from './class-dashboard/student-activity.repository';
import { StudentActivityRow, StudentActivitySchema } from './class-dashboard/student-activity.schema';
import { GetDashboardController } from './get-dashboard/get-dashboard.controller';
import { GetDashboardUseCase } from './get-dashboard/get-dashboard.usecase';
import { ListParticipantsController } from './list-participants/list-participants.controller';
import { ListParticipantsUseCase } from './list-participants/list-participants.usecase';
import { StreamDashboardController } from './stream-dashboard/stream-dashboard.controller';
import { StreamDashboardUseCase } from './stream-dashboard/stream-dashboard.usecase';
import { ArchiveConversationsProcessor } from './archive-conversations/archive-conversations.processor';
import { ArchiveConversationsUseCase } from './archive-conversations/archive-conversations.usecase';
import { CleanupMagicLinksProcessor } from './cleanup-magic-links/cleanup-magic-links.processor';
import { CleanupMagicLinksSchedule } from './cleanup-magic-links/cleanup-magic-links.schedule';
import { CleanupMagicLinksUseCase } from './cleanup-magic-links/cleanup-magic-links.usecase';
import { ImportInvitationRepository } from './import-users/import-invitation.repository';
import { ImportInvitation, ImportInvitationSchema } from './import-users/import-invitation.schema';
import { ImportUsersProcessor } from './import-users/import-users.processor';
import { ImportUsersUseCase } from './import-users/import-users.usecase';
import { IntegrityCheckProcessor } from './integrity-check/integrity-check.processor';
import { IntegrityCheckUseCase } from './integrity-check/integrity-check.usecase';
import { ExportRepository } from './export-results/export.repository';
import { ResultsExport, ResultsExportSchema } from './export-results/export.schema';
import { ExportResultsProcessor } from './export-results/export-results.processor';
import { ExportResultsUseCase } from './export-results/export-results.usecase';
import { DownloadExportUseCase, ExportsController } from './export-results/exports.controller';
import { JobInputRepository } from './job-input.repository';
import { JobInput, JobInputSchema } from './job-input.schema';
import { MigrationRepository } from './migrations/migration.repository';
import { MigrationRecord, MigrationRecordSchema } from './migrations/migration.schema';
import { MigrationRunner } from './migrations/migration.runner';
import { QueuesBoardModule } from './queues-board/queues-board.module';
import { RgpdController } from './rgpd/rgpd.controller';
import { PurgeAnalyticsProcessor } from './purge-analytics/purge-analytics.processor';
import { PurgeAnalyticsSchedule } from './purge-analytics/purge-analytics.schedule';
import { PurgeAnalyticsUseCase } from './purge-analytics/purge-analytics.usecase';
import { EraseUserUseCase, ExportMyDataUseCase } from './rgpd/rgpd.usecases';

/** Admin jobs on the `admin` queue with reports in MongoDB (issue 7). */
@Module({
  imports: [
    AnalyticsModule,
    MongooseModule.forFeature([
      { name: StudentActivityRow.name, schema: StudentActivitySchema },
      { name: JobInput.name, schema: JobInputSchema },
      { name: ImportInvitation.name, schema: ImportInvitationSchema },
      { name: ResultsExport.name, schema: ResultsExportSchema },
      { name: MigrationRecord.name, schema: MigrationRecordSchema },
    ]),
    IdentityModule,
    HackathonModule,
    ConversationModule,
    EvaluationModule,
    QueuesBoardModule,
  ],
  controllers: [
    StartJobController,
    GetJobController,
    GetDashboardController,
    StreamDashboardController,
    ListParticipantsController,
    ExportsController,
    RgpdController,
  ],
  providers: [
    StudentActivityRepository,
    ClassRows,
    DashboardStream,
    ClassActivityListener,
    GetDashboardUseCase,
    StreamDashboardUseCase,
    ListParticipantsUseCase,
    StartJobUseCase,
    GetJobUseCase,
    JobInputRepository,
    CleanupMagicLinksUseCase,
    CleanupMagicLinksProcessor,
    CleanupMagicLinksSchedule,
    IntegrityCheckUseCase,
    IntegrityCheckProcessor,
    ArchiveConversationsUseCase,
    ArchiveConversationsProcessor,
    ImportInvitationRepository,
    ImportUsersUseCase,
    ImportUsersProcessor,
    ExportRepository,
    ExportResultsUseCase,
    ExportResultsProcessor,
    DownloadExportUseCase,
    MigrationRepository,
    MigrationRunner,
    ExportMyDataUseCase,
    EraseUserUseCase,
    PurgeAnalyticsUseCase,
    PurgeAnalyticsProcessor,
    PurgeAnalyticsSchedule,
  ],
})
export class AdminModule {}
