import { Gauge } from '../../ui/components';
import type { MyQuota } from './quota';

/** The student's quota in one hackathon: prompts and tokens left; `compact`: two gauges on one line, no title. */
export function QuotaGauges({ quota, compact = false }: { quota: MyQuota; compact?: boolean }) {
  const gauges = (
    <>
      <Gauge label="Prompts" used={quota.promptsUsed} limit={quota.promptsLimit} unit="prompts" />
      <Gauge label="Tokens" used={quota.tokensUsed} limit={quota.tokensLimit} unit="tokens" />
    </>
  );
  if (compact)
    return (
      <section className="quota-compact" aria-label="Mon quota">
        {gauges}
      </section>
    );
  return (
    <section className="card quota" aria-labelledby="quota-titre">
      <h2 id="quota-titre">Mon quota</h2>
      {gauges}
    </section>
  );
}
