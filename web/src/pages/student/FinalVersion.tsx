import { useEffect, useRef } from 'react';
import type { Schema } from '@prompt-challenge/api-client';
import { Notice, formatDate } from '../../ui/components';
import { Markdown } from '../../ui/Markdown';
import { FinalChecks } from './FinalChecks';

/** The final version once submitted, with its automatic checks; the focus comes to it when it was just submitted. */
export function FinalVersion({
  final,
  justSubmitted,
  publicCases,
}: {
  final: Schema<'FinalVersion'>;
  justSubmitted: boolean;
  publicCases?: Schema<'PublicCase'>[];
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (justSubmitted) heading.current?.focus();
  }, [justSubmitted]);
  return (
    <section className="card" aria-labelledby="finale-soumise">
      <h2 id="finale-soumise" tabIndex={-1} ref={heading}>
        Version finale soumise
      </h2>
      <Notice kind="success">Soumise le {formatDate(final.soumisLe)}. Elle ne peut plus être modifiée.</Notice>
      <h3>Prompt final</h3>
      <p className="message-content">{final.promptFinal}</p>
      <h3>Réponse retenue</h3>
      <div className="message-content">
        <Markdown text={final.reponseIAFinale} />
      </div>
      {final.verification ? <FinalChecks v={final.verification} publicCases={publicCases} /> : null}
    </section>
  );
}
