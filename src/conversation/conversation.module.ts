import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { QuotaGate } from './quota/quota-gate';
import { UsageLedgerRepository } from './quota/usage-ledger.repository';
import { UsageLedgerEntry, UsageLedgerSchema } from './quota/usage-ledger.schema';

/**
 * Conversations, messages, AI jobs and the quota gate (issue 5). So far: the quota gate and
 * its usage ledger; the routes and the AI worker build on them.
 */
@Module({
  imports: [MongooseModule.forFeature([{ name: UsageLedgerEntry.name, schema: UsageLedgerSchema }])],
  providers: [UsageLedgerRepository, QuotaGate],
  exports: [QuotaGate],
})
export class ConversationModule {}
