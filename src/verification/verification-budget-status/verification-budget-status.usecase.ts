import { Injectable } from '@nestjs/common';
import { HackathonCatalog } from '../../hackathon';
import { VerificationBudget } from '../budget/verification-budget';
import type { VerificationBudgetView } from './verification-budget.response';

/** What the checks of a hackathon (submissions' and teacher's tries) spent of its budget, and what is left. */
@Injectable()
export class VerificationBudgetStatusUseCase {
  constructor(
    private readonly hackathons: HackathonCatalog,
    private readonly budget: VerificationBudget,
  ) {}

  async execute(hackathonId: string): Promise<VerificationBudgetView> {
    const limite = await this.hackathons.verificationBudgetOf(hackathonId);
    const utilises = await this.budget.spentOf(hackathonId);
    return { limite, utilises, restants: Math.max(0, limite - utilises) };
  }
}
