import { Markdown } from '../../ui/Markdown';

/**
 * A task's instructions (API 1.2 `consigne`, the teacher's Markdown), folded under a heading of
 * the page's outline (`level`: 2 on its own on a page, 4 under a task's h3); open while the
 * student has not written yet, folded once the conversation runs so the messages and the prompt
 * box keep the screen. The Markdown's own headings are h3 (ui/Markdown.tsx).
 */
export function TaskConsigne({
  consigne,
  open,
  level,
}: {
  consigne: string | null | undefined;
  open: boolean;
  level: 2 | 4;
}) {
  if (!consigne?.trim()) return null;
  const Title = level === 2 ? 'h2' : 'h4';
  return (
    <details className="card consigne" open={open}>
      <summary>
        <Title className="consigne-title">Consigne de la tâche</Title>
      </summary>
      <Markdown text={consigne} />
    </details>
  );
}
