import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ErrorMessage, Page } from '../../ui/components';
import { InvitationDead } from './InvitationDead';
import { InvitationForm, type InvitedAccount } from './InvitationForm';

/**
 * Where an invitation link stands: its form (with the account it activates, when known), or
 * dead (used or expired). Today a dead link is known from the refused acceptance; the check on
 * arrival (`POST /auth/invitation/check {token}` → `{email, prenom, nom, hackathon}` or `401
 * INVITATION_INVALID`, being added to the API) will set this state before the form shows.
 */
export type InvitationState = { kind: 'form'; account: InvitedAccount | null } | { kind: 'dead' };

/** `/invitation?token=`: an invited person joins, choosing a password (or keeping sign-in by link). */
export function InvitationPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [state, setState] = useState<InvitationState>({ kind: 'form', account: null });
  if (!token)
    return (
      <Page title="Invitation">
        <ErrorMessage error="Ce lien d’invitation est incomplet : ouvrez-le depuis le message reçu." />
      </Page>
    );
  if (state.kind === 'dead')
    return (
      <Page title="Invitation">
        <InvitationDead />
      </Page>
    );
  return (
    <Page title="Bienvenue sur Prompt Challenge">
      <InvitationForm token={token} account={state.account} onDead={() => setState({ kind: 'dead' })} />
    </Page>
  );
}
