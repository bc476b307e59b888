import { escapeHtml } from '../../../libs/mail';

/**
 * The pages a person sees at the queue board without an admin session: a sign-in form and a
 * refusal. French, plain HTML with inline styles (no script, no external resource), labelled
 * fields, messages announced to screen readers.
 */
function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} — Prompt Challenge</title>
<style>
  body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; background: #f4f4f5; color: #111; }
  main { max-width: 26rem; margin: 4rem auto; background: #fff; padding: 2rem; border-radius: .5rem; box-shadow: 0 1px 3px rgba(0,0,0,.15); }
  h1 { font-size: 1.4rem; margin: 0 0 1rem; }
  label { display: block; font-weight: 600; margin: 1rem 0 .3rem; }
  input { width: 100%; box-sizing: border-box; padding: .6rem; font-size: 1rem; border: 1px solid #555; border-radius: .3rem; }
  button, .button { display: inline-block; margin-top: 1.5rem; padding: .7rem 1.2rem; font-size: 1rem; border: 0; border-radius: .3rem; background: #1d4ed8; color: #fff; text-decoration: none; cursor: pointer; }
  input:focus, button:focus, .button:focus { outline: 3px solid #f59e0b; outline-offset: 2px; }
  .error { background: #fee2e2; color: #7f1d1d; border: 1px solid #b91c1c; padding: .7rem; border-radius: .3rem; }
  p { line-height: 1.5; }
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

export function signInPage(action: string, options: { error?: string; email?: string } = {}): string {
  const error = options.error ? `<p class="error" role="alert" id="erreur">${escapeHtml(options.error)}</p>` : '';
  const described = options.error ? ' aria-describedby="erreur"' : '';
  return page(
    'Connexion au tableau des files',
    `<h1>Tableau des files de traitement</h1>
<p>Réservé aux administrateurs. Connectez-vous avec votre adresse et votre mot de passe.</p>
${error}
<form method="post" action="${escapeHtml(action)}">
  <label for="email">Adresse e-mail</label>
  <input id="email" name="email" type="email" autocomplete="username" required value="${escapeHtml(options.email ?? '')}"${described}>
  <label for="password">Mot de passe</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required${described}>
  <button type="submit">Se connecter</button>
</form>`,
  );
}

export function refusedPage(signInAction: string): string {
  return page(
    'Accès refusé',
    `<h1>Accès refusé</h1>
<p role="alert">Ce tableau est réservé aux administrateurs : votre compte n’y a pas accès.</p>
<p>Pour continuer, connectez-vous avec un compte administrateur.</p>
<a class="button" href="${escapeHtml(signInAction)}">Changer de compte</a>`,
  );
}
