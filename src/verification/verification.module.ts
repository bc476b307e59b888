import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { HackathonModule } from '../hackathon';
import { VerificationBudget } from './budget/verification-budget';
import { VerificationLedgerRepository } from './budget/verification-ledger.repository';
import { VerificationLedgerEntry, VerificationLedgerSchema } from './budget/verification-ledger.schema';
import { ReplayChecksUseCase } from './replay-checks/replay-checks.usecase';
import { EssaiVerification, EssaiVerificationSchema } from './try-checks/essai-verification.schema';
import { EssaiVerificationRepository } from './try-checks/essai-verification.repository';
import { EssaisVerificationController } from './try-checks/essais-verification.controller';
import { GetEssaiVerificationUseCase } from './try-checks/get-essai-verification.usecase';
import { RunEssaiVerificationProcessor } from './try-checks/run-essai-verification.processor';
import { RunEssaiVerificationUseCase } from './try-checks/run-essai-verification.usecase';
import { StartEssaiVerificationUseCase } from './try-checks/start-essai-verification.usecase';
import { VerificationBudgetStatusController } from './verification-budget-status/verification-budget-status.controller';
import { VerificationBudgetStatusUseCase } from './verification-budget-status/verification-budget-status.usecase';
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
      { name: EssaiVerification.name, schema: EssaiVerificationSchema },
    ]),
    HackathonModule,
  ],
  controllers: [EssaisVerificationController, VerificationBudgetStatusController],
  providers: [
    VerificationRunRepository,
    VerificationLedgerRepository,
    VerificationBudget,
    ReplayChecksUseCase,
    EssaiVerificationRepository,
    StartEssaiVerificationUseCase,
    GetEssaiVerificationUseCase,
    RunEssaiVerificationUseCase,
    RunEssaiVerificationProcessor,
    VerificationBudgetStatusUseCase,
  ],
  exports: [ReplayChecksUseCase, VerificationBudget],
})
export class VerificationModule {}
