import { Gauge } from '../../ui/components';
import type { MyQuota } from './quota';

/** The student's quota in one hackathon: prompts and tokens left. */
export function QuotaGauges({ quota }: { quota: MyQuota }) {
  return (
    <section className="card quota" aria-labelledby="quota-titre">
      <h2 id="quota-titre">Mon quota</h2>
      <Gauge label="Prompts" used={quota.promptsUsed} limit={quota.promptsLimit} unit="prompts" />
      <Gauge label="Tokens" used={quota.tokensUsed} limit={quota.tokensLimit} unit="tokens" />
    </section>
  );
}
