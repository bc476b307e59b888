/**
 * What every mail needs, written for people: a French layout in plain text and simple HTML
 * (inline styles, no image, no external resource), dates in the school's local time, and links
 * to the web client's pages — never to API paths.
 */

export interface MailContent {
  /** "Bonjour Marie," */
  greeting: string;
  /** Paragraphs before the button. */
  intro: string[];
  /** The one thing to do, as a button (HTML) and a bare URL (text). */
  action?: { label: string; url: string };
  /** Paragraphs after the button (validity, what to do if it was not you...). */
  outro?: string[];
}

export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
}

const SIGNATURE = 'L’équipe Prompt Challenge';
const FOOTER = 'Ce message vous est envoyé automatiquement par Prompt Challenge ; merci de ne pas y répondre.';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** The mail's text and HTML bodies from its content. */
export function composeMail(subject: string, content: MailContent): ComposedMail {
  const outro = content.outro ?? [];
  const text = [
    content.greeting,
    '',
    ...content.intro.flatMap((p) => [p, '']),
    ...(content.action ? [`${content.action.label} : ${content.action.url}`, ''] : []),
    ...outro.flatMap((p) => [p, '']),
    SIGNATURE,
    '',
    '--',
    FOOTER,
    '',
  ].join('\n');
  const p = (s: string) => `<p style="margin:0 0 16px">${escapeHtml(s)}</p>`;
  const button = content.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(content.action.url)}" style="display:inline-block;` +
      `padding:12px 20px;background:#1d4ed8;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:bold">` +
      `${escapeHtml(content.action.label)}</a></p>` +
      `<p style="margin:0 0 16px;font-size:13px;color:#555555">Si le bouton ne fonctionne pas, copiez ce lien ` +
      `dans votre navigateur :<br><span style="word-break:break-all">${escapeHtml(content.action.url)}</span></p>`
    : '';
  const html =
    `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>` +
    `<body style="margin:0;padding:24px;background:#f4f4f5;font-family:Arial,Helvetica,sans-serif;color:#111111">` +
    `<div style="max-width:560px;margin:0 auto;background:#ffffff;padding:24px;border-radius:8px;line-height:1.5">` +
    p(content.greeting) +
    content.intro.map(p).join('') +
    button +
    outro.map(p).join('') +
    p(SIGNATURE) +
    `</div><p style="max-width:560px;margin:16px auto 0;font-size:12px;color:#666666">${escapeHtml(FOOTER)}</p>` +
    `</body></html>`;
  return { subject, text, html };
}

/** "lundi 3 juin 2024 à 14:05" in the given IANA time zone. */
export function formatMailDate(date: Date, timeZone: string): string {
  const day = new Intl.DateTimeFormat('fr-FR', { timeZone, dateStyle: 'full' }).format(date);
  const time = new Intl.DateTimeFormat('fr-FR', { timeZone, hour: '2-digit', minute: '2-digit' }).format(date);
  return `${day} à ${time}`;
}

/** The pages of the web client that mails link to. */
export type WebPage = '/connexion' | '/invitation' | '/mot-de-passe' | '/evaluations' | '/examinateur';

/** `PUBLIC_WEB_URL` + page (+ `?token=`). */
export function webLink(publicWebUrl: string, page: WebPage, token?: string): string {
  const base = publicWebUrl.replace(/\/+$/, '');
  return token === undefined ? `${base}${page}` : `${base}${page}?token=${encodeURIComponent(token)}`;
}
