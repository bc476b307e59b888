import { useEffect, useRef } from 'react';
import { Link } from 'react-router-dom';

/** A used or expired invitation link: said at once, with the ways on (the focus comes here). */
export function InvitationDead() {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), []);
  return (
    <div className="card narrow" role="alert" tabIndex={-1} ref={box}>
      <h2>Ce lien d’invitation a déjà servi ou a expiré</h2>
      <p>
        Si vous avez déjà choisi votre mot de passe, <Link to="/connexion">connectez-vous</Link>. Vous pouvez aussi
        recevoir un lien de connexion par e-mail depuis la page de connexion, ou demander une nouvelle invitation à
        votre enseignant.
      </p>
    </div>
  );
}
