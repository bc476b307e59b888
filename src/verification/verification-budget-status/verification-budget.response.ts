/** `GET /hackathons/:id/verifications/budget`: the hackathon's verification budget now. */
export class VerificationBudgetView {
  /** `quotas.tokensVerification`. */
  limite: number;
  /** Reserved by runs in flight and charged by finished ones. */
  utilises: number;
  /** What is left (never below 0, even after the limit was lowered). */
  restants: number;
}

export class VerificationBudgetResponse {
  budget: VerificationBudgetView;
}
