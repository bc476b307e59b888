import { CaseOutcome } from './CaseOutcome';

/** A case's runs one by one, when it was run more than once (a task's `repetitions`); nothing otherwise. */
export function CaseRuns({
  executions,
}: {
  executions: readonly { reussi: boolean; reponse: string | null; raisons: readonly string[] }[];
}) {
  if (executions.length <= 1) return null;
  return (
    <ol className="runs">
      {executions.map((x, j) => (
        <CaseOutcome key={j} title={`Essai ${j + 1}`} reussi={x.reussi} reponse={x.reponse} raisons={x.raisons} />
      ))}
    </ol>
  );
}
