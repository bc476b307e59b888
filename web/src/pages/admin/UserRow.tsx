import type { Schema } from '@prompt-challenge/api-client';
import { formatDate } from '../../ui/components';
import { canResend, invitationOf, invitationWords } from './invitations';
import { ROLES, ROLE_LABELS, type Role } from './roles';

type User = Schema<'PublicUser'>;
const day = (iso: string) => new Date(iso).toLocaleDateString('fr-FR', { dateStyle: 'medium' });

/**
 * One account of the users page. The admin's own row changes nothing of itself (the server
 * refuses it too: 409 SELF_CHANGE_REFUSED): no role choice, no re-sent invitation, no deletion.
 */
export function UserRow({
  user: u,
  self,
  onRole,
  onResend,
  onDelete,
  onErase,
}: {
  user: User;
  self: boolean;
  onRole: (role: Role) => void;
  onResend: () => void;
  onDelete: () => void;
  onErase: () => void;
}) {
  const who = `${u.prenom} ${u.nom}`;
  const invitation = invitationOf(u);
  return (
    <tr>
      <th scope="row">
        {who}
        {self ? <span className="hint"> (vous)</span> : null}
      </th>
      <td>{u.email}</td>
      <td>
        {self ? (
          <>
            {ROLE_LABELS[u.role]}
            <span className="hint"> — votre propre rôle ne se change pas</span>
          </>
        ) : (
          <select aria-label={`Rôle de ${who}`} value={u.role} onChange={(e) => onRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        )}
      </td>
      <td>{formatDate(u.createdAt)}</td>
      <td>
        {invitation.state !== 'inconnue' ? <p className="cell-line">{invitationWords(invitation, day)}</p> : null}
        {canResend(u, self ? u.id : null) ? (
          <button type="button" className="secondary" aria-label={`Renvoyer l’invitation à ${who}`} onClick={onResend}>
            Renvoyer l’invitation
          </button>
        ) : null}
      </td>
      <td>
        {self ? null : (
          <div className="button-row">
            <button type="button" className="secondary" aria-label={`Supprimer le compte de ${who}`} onClick={onDelete}>
              Supprimer
            </button>
            <button type="button" className="secondary" aria-label={`Effacer les données de ${who}`} onClick={onErase}>
              Effacer les données
            </button>
          </div>
        )}
      </td>
    </tr>
  );
}
