import './cases.css';
import { placeholder } from './rule-text';

/** What a case fills in, `{{nom}}` → its text, on one line each. */
export function CaseInputs({ entrees }: { entrees: Record<string, string> }) {
  return (
    <dl className="case-inputs">
      {Object.entries(entrees).map(([name, text]) => (
        <div key={name}>
          <dt>
            <code>{placeholder(name)}</code> devient
          </dt>
          <dd>« {text} »</dd>
        </div>
      ))}
    </dl>
  );
}
