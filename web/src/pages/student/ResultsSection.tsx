import type { Schema } from '@prompt-challenge/api-client';
import { Notice } from '../../ui/components';
import { PublishedResults } from './PublishedResults';

/**
 * My published results in a hackathon: each conversation's mean and its evaluations. Asked only
 * once the hackathon says they are published (before, `/results/me` answers 409: an error in
 * the console of every student page).
 */
export function ResultsSection({
  hackathonId,
  taches,
  published,
}: {
  hackathonId: string;
  taches: Schema<'Tache'>[];
  published: boolean;
}) {
  if (!published)
    return (
      <section className="card" aria-labelledby="resultats">
        <h2 id="resultats">Mes résultats</h2>
        <Notice>
          Les résultats de ce hackathon ne sont pas encore publiés : revenez après la fin des corrections.
        </Notice>
      </section>
    );
  return <PublishedResults hackathonId={hackathonId} taches={taches} />;
}
