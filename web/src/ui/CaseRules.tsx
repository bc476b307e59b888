import './cases.css';
import { ruleText } from './rule-text';

/** What the answer to a case must do, in words. */
export function CaseRules({ attendu }: { attendu: readonly { type: string; valeur: unknown; flags?: string }[] }) {
  if (attendu.length === 0) return null;
  return <p className="case-rules">La réponse doit {attendu.map((r) => ruleText(r)).join(' ; ')}.</p>;
}
