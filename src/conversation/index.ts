// The conversation context's public face: other contexts import from here only.
export { ConversationModule } from './conversation.module';
export { SubmissionCatalog } from './submission-catalog.service';
export type { StudentChecks, SubmittedConversation } from './submission-catalog.service';
export type { ConversationWithMessages } from './conversation.repository';
export { publicMessage } from './conversation-view';
export { ConversationMaintenance } from './conversation-maintenance.service';
export type { ConversationCounters } from './conversation-maintenance.service';
export { ClassActivity } from './class-activity.service';
export type { LatestConversation, StudentActivity } from './class-activity.service';
export { historyTokensOf } from './class-activity.service';
