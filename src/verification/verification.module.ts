import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { HackathonModule } from '../hackathon';
import { VerificationBudget } from './budget/verification-budget';
import { VerificationLedgerRepository } from './budget/verification-ledger.repository';
import { VerificationLedgerEntry, VerificationLedgerSchema } from './budget/verification-ledger.schema';
import { ReplayChecksUseCase } from './replay-checks/replay-checks.usecase';
import { VerificationRunRepository } from './verification-run.repository';
import { VerificationRun, VerificationRunSchema } from './verification-run.schema';

/**
 * Automatic checks of final prompts (docs/contexts/verification.md): rules, placeholders,
 * replays charged to the hackathon's verification budget, and what students may see of them.
 * Other contexts use what index.ts exports.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: VerificationRun.name, schema: VerificationRunSchema },
      { name: VerificationLedgerEntry.name, schema: VerificationLedgerSchema },
    ]),
    HackathonModule,
  ],
  providers: [VerificationRunRepository, VerificationLedgerRepository, VerificationBudget, ReplayChecksUseCase],
  exports: [ReplayChecksUseCase, VerificationBudget],
})
export class VerificationModule {}
