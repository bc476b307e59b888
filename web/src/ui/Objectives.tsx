import { objectiveItems } from './objectives';

/** A hackathon's objectives: a list when written one per line, a sentence otherwise (./objectives.ts). */
export function Objectives({ text, empty = 'Aucun objectif indiqué.' }: { text: string; empty?: string }) {
  const items = objectiveItems(text);
  if (items.length === 0) return <>{empty}</>;
  if (items.length === 1) return <>{items[0]}</>;
  return (
    <ul className="objectives">
      {items.map((o, i) => (
        <li key={i}>{o}</li>
      ))}
    </ul>
  );
}
