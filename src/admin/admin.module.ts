import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ConversationModule } from '../conversation';
import { EvaluationModule } from '../evaluation';
import { HackathonModule } from '../hackathon';
import { IdentityModule } from '../identity';
import { AnalyticsModule } from './analytics/analytics.module';
import { ExportConversationsProcessor } from './export-conversations/export-conversations.processor';
import { ExportConversationsUseCase } from './export-conversations/export-conversations.usecase';
import { ClassActivityListener } from './class-dashboard/class-activity.listener';
import { ClassActivityRepair } from './class-dashboard/class-activity.repair';
import { ClassRows } from './class-dashboard/class-rows';
import { DashboardStream } from './class-dashboard/dashboard-stream';
import { StudentActivityRepository } from './class-dashboard/student-activity.repository';
import { StudentActivityRow, StudentActivitySchema } from './class-dashboard/student-activity.schema';
import { GetDashboardController } from './get-dashboard/get-dashboard.controller';
import { GetDashboardUseCase } from './get-dashboard/get-dashboard.usecase';
import { RebuildDashboardController } from './rebuild-dashboard/rebuild-dashboard.controller';
import { RebuildDashboardUseCase } from './rebuild-dashboard/rebuild-dashboard.usecase';
import { ListParticipantsController } from './list-participants/list-participants.controller';
import { ListParticipantsUseCase } from './list-participants/list-participants.usecase';
import { StreamDashboardController } from './stream-dashboard/stream-dashboard.controller';
import { StreamDashboardUseCase } from './stream-dashboard/stream-dashboard.usecase';
import { ArchiveConversationsProcessor } from './archive-conversations/archive-conversations.processor';
import { ArchiveConversationsUseCase } from './archive-conversations/archive-conversations.usecase';
import { CleanupMagicLinksProcessor } from './cleanup-magic-links/cleanup-magic-links.processor';
import { CleanupMagicLinksSchedule } from './cleanup-magic-links/cleanup-magic-links.schedule';
import { CleanupMagicLinksUseCase } from './cleanup-magic-links/cleanup-magic-links.usecase';
import { DownloadExportController } from './download-export/download-export.controller';
import { DownloadExportUseCase } from './download-export/download-export.usecase';
import { EraseUserController } from './erase-user/erase-user.controller';
import { EraseUserUseCase } from './erase-user/erase-user.usecase';
import { ExportMyDataController } from './export-my-data/export-my-data.controller';
import { ExportMyDataUseCase } from './export-my-data/export-my-data.usecase';
import { ExportResultsProcessor } from './export-results/export-results.processor';
import { ExportResultsUseCase } from './export-results/export-results.usecase';
import { ExportRepository } from './export.repository';
import { ExportChunk, ExportChunkSchema, ExportFile, ExportFileSchema } from './export.schema';
import { GetJobController } from './get-job/get-job.controller';
import { GetJobUseCase } from './get-job/get-job.usecase';
import { ImportInvitationRepository } from './import-users/import-invitation.repository';
import { ImportInvitation, ImportInvitationSchema } from './import-users/import-invitation.schema';
import { ImportUsersProcessor } from './import-users/import-users.processor';
import { ImportUsersUseCase } from './import-users/import-users.usecase';
import { UsersCsvTemplateController } from './import-users/users-csv-template.controller';
import { IntegrityCheckProcessor } from './integrity-check/integrity-check.processor';
import { IntegrityCheckUseCase } from './integrity-check/integrity-check.usecase';
import { JobInputRepository } from './job-input.repository';
import { JobInput, JobInputSchema } from './job-input.schema';
import { MigrationRepository } from './migration.repository';
import { MigrationRecord, MigrationRecordSchema } from './migration.schema';
import { MigrationRunner } from './migrations/migration.runner';
import { PurgeAnalyticsProcessor } from './purge-analytics/purge-analytics.processor';
import { PurgeAnalyticsSchedule } from './purge-analytics/purge-analytics.schedule';
import { PurgeAnalyticsUseCase } from './purge-analytics/purge-analytics.usecase';
import { QueuesBoardModule } from './queues-board/queues-board.module';
import { StartJobController } from './start-job/start-job.controller';
import { StartJobUseCase } from './start-job/start-job.usecase';

/** Admin jobs on the `admin` queue with reports in MongoDB, exports, migrations, RGPD, analytics. */
@Module({
  imports: [
    AnalyticsModule,
    MongooseModule.forFeature([
      { name: StudentActivityRow.name, schema: StudentActivitySchema },
      { name: JobInput.name, schema: JobInputSchema },
      { name: ImportInvitation.name, schema: ImportInvitationSchema },
      { name: ExportFile.name, schema: ExportFileSchema },
      { name: ExportChunk.name, schema: ExportChunkSchema },
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
    RebuildDashboardController,
    StreamDashboardController,
    ListParticipantsController,
    DownloadExportController,
    ExportMyDataController,
    EraseUserController,
    UsersCsvTemplateController,
  ],
  providers: [
    StudentActivityRepository,
    ExportConversationsUseCase,
    ExportConversationsProcessor,
    ClassRows,
    ClassActivityRepair,
    RebuildDashboardUseCase,
    DashboardStream,
    ClassActivityListener,
    GetDashboardUseCase,
    StreamDashboardUseCase,
    ListParticipantsUseCase,
    JobInputRepository,
    ExportRepository,
    MigrationRepository,
    ImportInvitationRepository,
    StartJobUseCase,
    GetJobUseCase,
    CleanupMagicLinksUseCase,
    CleanupMagicLinksProcessor,
    CleanupMagicLinksSchedule,
    IntegrityCheckUseCase,
    IntegrityCheckProcessor,
    ArchiveConversationsUseCase,
    ArchiveConversationsProcessor,
    ImportUsersUseCase,
    ImportUsersProcessor,
    ExportResultsUseCase,
    ExportResultsProcessor,
    DownloadExportUseCase,
    MigrationRunner,
    ExportMyDataUseCase,
    EraseUserUseCase,
    PurgeAnalyticsUseCase,
    PurgeAnalyticsProcessor,
    PurgeAnalyticsSchedule,
  ],
})
export class AdminModule {}
