import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../../libs/http';
import type { MessageRole } from './conversation.schema';
import { VerificationView } from '../verification';

// The answers of the conversation routes, and the payloads of its Server-Sent Events.

/** A message as the API shows it. */
export class PublicMessage {
  id: string;
  role: MessageRole;
  content: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  /** Tokens the provider counted for an assistant message. */
  tokenCount: number | null;
  modelUsed: string | null;
  /** The student message an assistant or system message answers. */
  replyTo: string | null;
  /** True on an answer the student stopped (POST /conversations/:id/stop): what was written until then. Absent otherwise. */
  interrompu?: boolean;
}

export class FinalVersion {
  promptFinal: string;
  reponseIAFinale: string;
  @ApiProperty({ format: 'date-time' }) soumisLe: string;
  /** The assistant message chosen. */
  messageId: string | null;
  modelName: string | null;
  temperature: number | null;
  maxTokens: number | null;
  /**
   * The automatic checks (tasks with `verification`), null otherwise. Students get their public
   * cases only, with `score`, `reussis` and `total` null until the results are published.
   */
  verification: VerificationView | null;
}

export class StatistiquesIA {
  modelUtilise: string | null;
  tokensTotal: number;
  coutEstime: number;
}

/** What every view of a conversation shows (never who may grade it). */
class ConversationFields {
  id: string;
  hackathonId: string;
  tacheId: string;
  modelName: string;
  maxTokens: number;
  /** maxTokens of the last AI call, when it differed. */
  maxTokensUsed: number | null;
  temperature: number;
  temperatureUsed: number | null;
  versionFinale: FinalVersion | null;
  statistiquesIA: StatistiquesIA;
  messageCount: number;
  totalTokens: number;
  /** Whether its messages count in the student's quotas (an admin's trial of a Test hackathon does not). */
  countsUsage: boolean;
  archived: boolean;
  /** The student message waiting for its answer, if any (one turn at a time). */
  pendingMessageId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

/** A conversation without its messages, as its student sees it. */
export class ConversationView extends ConversationFields {
  studentId: string;
  groupId: string | null;
}

export class ConversationResponse {
  conversation: ConversationView;
}

export class ConversationPage extends PageOf(ConversationView) {}

/** In a listing for examiners and admins: no studentId nor groupId for an examiner of an anonymous hackathon. */
export class HackathonConversation extends ConversationFields {
  studentId?: string;
  groupId?: string | null;
}

export class HackathonConversationPage extends PageOf(HackathonConversation) {}

/** What the next prompt of a conversation costs, for its owner. */
export class ProchainMessage {
  /**
   * Tokens the next send reserves, the prompt's own words aside: the history it sends (its
   * window) plus `maxTokens`. A prompt of n tokens adds about n.
   */
  @ApiProperty({ type: 'integer' }) tokensReserves: number;
  /** Whether the student's quota (a prompt left, and these tokens left) allows that send. */
  possible: boolean;
}

/** A conversation with a page of its messages (the last 50 by default). */
export class ConversationDetail extends HackathonConversation {
  messages: PublicMessage[];
  /** All its messages, for paging with ?skip=&limit=. */
  messagesTotal: number;
  /** For its owner: what the next prompt costs and whether the quota allows it. Null for anyone else. */
  prochainMessage: ProchainMessage | null;
}

export class ConversationDetailResponse {
  conversation: ConversationDetail;
}

/** `POST /conversations/:id/stop`: the answer as stored when it was stopped. */
export class StoppedAnswer {
  message: PublicMessage;
}

export class SentMessage {
  messageId: string;
  /** Readable at GET /admin/jobs/:id by admins. */
  jobId: string;
  status: 'queued';
}

export class AiModel {
  name: string;
  provider: 'openai' | 'mistral';
  description: string;
}

export class AiRange {
  min: number;
  max: number;
  default: number;
}

export class AiModels {
  models: AiModel[];
  temperature: AiRange;
  maxTokens: AiRange;
  /** The local fake LLM answers (no provider key configured). */
  fake: boolean;
}

export class MyQuota {
  promptsUsed: number;
  promptsLimit: number;
  tokensUsed: number;
  tokensLimit: number;
}

/** `event: delta`: a piece of the answer being generated. */
export class DeltaEvent {
  messageId: string;
  text: string;
  /** The run of the answer: grows with each run (a retry, a restart); keep the highest, drop the deltas of a lower one. */
  attempt: number;
}

/** `event: message`: the assistant message, stored. */
export class MessageEvent {
  message: PublicMessage;
}

/** `event: error`: the answer failed for good (`AI_*`), or the stream broke (`STREAM_UNAVAILABLE`, no messageId). */
export class StreamErrorEvent {
  messageId?: string;
  code: string;
  message: string;
}
