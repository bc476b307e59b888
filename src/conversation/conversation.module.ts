import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { HackathonModule } from '../hackathon';
import { IdentityModule } from '../identity';
import { ListAiModelsController } from './list-ai-models/list-ai-models.controller';
import { ListAiModelsUseCase } from './list-ai-models/list-ai-models.usecase';
import { ClassActivity } from './class-activity.service';
import { ConversationAccess } from './conversation-access';
import { ConversationMaintenance } from './conversation-maintenance.service';
import { ConversationStream } from './conversation-stream';
import { ConversationRepository } from './conversation.repository';
import { Conversation, ConversationSchema, FinalSubmission, FinalSubmissionSchema } from './conversation.schema';
import { CreateConversationController } from './create-conversation/create-conversation.controller';
import { CreateConversationUseCase } from './create-conversation/create-conversation.usecase';
import { GenerateReplyProcessor } from './generate-reply/generate-reply.processor';
import { GenerateReplyUseCase } from './generate-reply/generate-reply.usecase';
import { GetConversationController } from './get-conversation/get-conversation.controller';
import { GetConversationUseCase } from './get-conversation/get-conversation.usecase';
import { HackathonConversationsController } from './hackathon-conversations/hackathon-conversations.controller';
import { HackathonConversationsUseCase } from './hackathon-conversations/hackathon-conversations.usecase';
import { MyConversationsController } from './my-conversations/my-conversations.controller';
import { MyConversationsUseCase } from './my-conversations/my-conversations.usecase';
import { QuotaGate } from './quota/quota-gate';
import { MyQuotaController } from './my-quota/my-quota.controller';
import { MyQuotaUseCase } from './my-quota/my-quota.usecase';
import { UsageLedgerRepository } from './quota/usage-ledger.repository';
import { UsageLedgerEntry, UsageLedgerSchema } from './quota/usage-ledger.schema';
import { SendMessageController } from './send-message/send-message.controller';
import { SendMessageUseCase } from './send-message/send-message.usecase';
import { StreamConversationController } from './stream-conversation/stream-conversation.controller';
import { StreamConversationUseCase } from './stream-conversation/stream-conversation.usecase';
import { SubmissionCatalog } from './submission-catalog.service';
import { SubmitFinalController } from './submit-final/submit-final.controller';
import { SubmitFinalUseCase } from './submit-final/submit-final.usecase';
import { ReplyJobs } from './reply-jobs';
import { FinalCopies } from './submit-final/final-copies';
import { OpenReservations } from './sweep-turns/open-reservations';
import { SweepTurnsProcessor } from './sweep-turns/sweep-turns.processor';
import { SweepTurnsSchedule } from './sweep-turns/sweep-turns.schedule';
import { SweepTurnsUseCase } from './sweep-turns/sweep-turns.usecase';
import { TurnGate } from './send-message/turn-gate';
import { VerificationModule } from '../verification';
import { Essai, EssaiSchema } from './essais/essai.schema';
import { EssaiRepository } from './essais/essai.repository';
import { EssaisController } from './essais/essais.controller';
import { GetEssaiUseCase } from './essais/get-essai.usecase';
import { RunEssaiProcessor } from './essais/run-essai.processor';
import { RunEssaiUseCase } from './essais/run-essai.usecase';
import { StartEssaiUseCase } from './essais/start-essai.usecase';
import { RerunVerificationsController } from './rerun-verifications/rerun-verifications.controller';
import { RerunVerificationsProcessor } from './rerun-verifications/rerun-verifications.processor';
import {
  RerunVerificationsUseCase,
  StartVerificationsUseCase,
} from './rerun-verifications/rerun-verifications.usecase';
import { VerificationJobs } from './submit-final/verification-jobs';
import { VerifySubmissionProcessor } from './submit-final/verify-submission.processor';
import { VerifySubmissionUseCase } from './submit-final/verify-submission.usecase';
import { ReplyStops } from './stop-answer/reply-stops';
import { StopAnswerController } from './stop-answer/stop-answer.controller';
import { StopAnswerUseCase } from './stop-answer/stop-answer.usecase';
import { UpdateConversationController } from './update-conversation/update-conversation.controller';
import { UpdateConversationUseCase } from './update-conversation/update-conversation.usecase';

/** Conversations, messages, the AI reply job, the quota gate, SSE, final versions (docs/contexts/conversation.md). */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Conversation.name, schema: ConversationSchema },
      { name: FinalSubmission.name, schema: FinalSubmissionSchema },
      { name: UsageLedgerEntry.name, schema: UsageLedgerSchema },
      { name: Essai.name, schema: EssaiSchema },
    ]),
    HackathonModule,
    IdentityModule,
    VerificationModule,
  ],
  controllers: [
    ListAiModelsController,
    // `mine` before `:id`, so "mine" is not taken for an id.
    MyConversationsController,
    CreateConversationController,
    GetConversationController,
    UpdateConversationController,
    SendMessageController,
    StopAnswerController,
    StreamConversationController,
    SubmitFinalController,
    EssaisController,
    RerunVerificationsController,
    HackathonConversationsController,
    MyQuotaController,
  ],
  providers: [
    ListAiModelsUseCase,
    ConversationRepository,
    ConversationAccess,
    ConversationStream,
    UsageLedgerRepository,
    QuotaGate,
    TurnGate,
    ReplyJobs,
    SweepTurnsUseCase,
    OpenReservations,
    FinalCopies,
    SweepTurnsProcessor,
    SweepTurnsSchedule,
    ReplyStops,
    StreamConversationUseCase,
    CreateConversationUseCase,
    MyConversationsUseCase,
    GetConversationUseCase,
    SendMessageUseCase,
    StopAnswerUseCase,
    UpdateConversationUseCase,
    GenerateReplyUseCase,
    GenerateReplyProcessor,
    SubmitFinalUseCase,
    VerificationJobs,
    VerifySubmissionUseCase,
    VerifySubmissionProcessor,
    EssaiRepository,
    StartEssaiUseCase,
    RunEssaiUseCase,
    RunEssaiProcessor,
    GetEssaiUseCase,
    StartVerificationsUseCase,
    RerunVerificationsUseCase,
    RerunVerificationsProcessor,
    HackathonConversationsUseCase,
    MyQuotaUseCase,
    SubmissionCatalog,
    ConversationMaintenance,
    ClassActivity,
  ],
  exports: [QuotaGate, SubmissionCatalog, ConversationMaintenance, ClassActivity],
})
export class ConversationModule {}
