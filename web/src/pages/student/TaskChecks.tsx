import type { ReactNode } from 'react';
import type { Schema } from '@prompt-challenge/api-client';
import { formatNumber } from '../../ui/format';
import { placeholder } from './checks';
import { PublicCases } from './PublicCases';

/**
 * A task whose final prompts are checked automatically: what that means in plain words (the
 * `{{nom}}` placeholders), its public examples, and the try on them (`children`). Only public
 * examples exist for a student: the API never sends the hidden ones.
 */
export function TaskChecks({ tache, children }: { tache: Schema<'Tache'>; children?: ReactNode }) {
  const first = tache.entrees[0] ?? 'texte';
  const example = tache.casPublics[0]?.entrees[first];
  return (
    <section className="card checks" aria-labelledby="verification-titre">
      <h2 id="verification-titre">Vérification automatique</h2>
      <p>
        Votre prompt final sera essayé tout seul sur plusieurs exemples, puis chaque réponse de l’IA sera vérifiée
        automatiquement. Certains exemples sont ci-dessous ; d’autres peuvent rester cachés jusqu’au bout : votre prompt
        doit marcher en général, pas seulement sur ceux-là.
      </p>
      <h3>Les emplacements {'{{…}}'}</h3>
      <p>
        Dans votre prompt, écrivez <code>{placeholder(first)}</code> à l’endroit où doit aller le texte de l’exemple.
        Pour chaque exemple, la plateforme remplace <code>{placeholder(first)}</code> par ce texte
        {example ? <> (pour l’exemple 1 : « {example} »)</> : null}, puis envoie le prompt à l’IA.
      </p>
      <p>
        Votre prompt doit utiliser{' '}
        {tache.entrees.length > 1 ? 'exactement ces emplacements' : 'exactement cet emplacement'}, ni plus ni moins :{' '}
        {tache.entrees.map((n, i) => (
          <span key={n}>
            {i > 0 ? ', ' : ''}
            <code>{placeholder(n)}</code>
          </span>
        ))}
        .
        {tache.maxTokensPrompt !== null
          ? ` Il doit tenir en ${formatNumber(tache.maxTokensPrompt)} tokens au plus (sinon il obtient 0).`
          : ''}
      </p>
      {tache.casPublics.length > 0 ? (
        <>
          <h3>Exemples publics</h3>
          <PublicCases cases={tache.casPublics} />
        </>
      ) : null}
      {children}
    </section>
  );
}
