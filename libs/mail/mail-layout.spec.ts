import { composeMail, formatMailDate, webLink } from './mail-layout';

describe('mail layout', () => {
  it('writes dates in the school’s local time, in French', () => {
    const d = new Date('2025-01-15T13:05:00Z');
    expect(formatMailDate(d, 'Europe/Paris')).toBe('mercredi 15 janvier 2025 à 14:05');
    expect(formatMailDate(new Date('2025-07-01T21:30:00Z'), 'Europe/Paris')).toBe('mardi 1 juillet 2025 à 23:30');
    expect(formatMailDate(d, 'America/Montreal')).toBe('mercredi 15 janvier 2025 à 08:05');
  });

  it('links to the web client’s pages, never to the API', () => {
    expect(webLink('https://ecole.example/', '/connexion', 'abc_-1')).toBe(
      'https://ecole.example/connexion?token=abc_-1',
    );
    expect(webLink('https://ecole.example/app', '/invitation', 'x')).toBe(
      'https://ecole.example/app/invitation?token=x',
    );
    expect(webLink('https://ecole.example', '/evaluations')).toBe('https://ecole.example/evaluations');
  });

  it('gives every mail a text and a simple HTML body, escaping what it is given', () => {
    const mail = composeMail('Sujet <b>', {
      greeting: 'Bonjour <Marie>,',
      intro: ['Premier paragraphe.'],
      action: { label: 'Me connecter', url: 'https://ecole.example/connexion?token=a&b' },
      outro: ['Valable 10 minutes.'],
    });
    expect(mail.subject).toBe('Sujet <b>');
    expect(mail.text).toBe(
      [
        'Bonjour <Marie>,',
        '',
        'Premier paragraphe.',
        '',
        'Me connecter : https://ecole.example/connexion?token=a&b',
        '',
        'Valable 10 minutes.',
        '',
        'L’équipe Prompt Challenge',
        '',
        '--',
        'Ce message vous est envoyé automatiquement par Prompt Challenge ; merci de ne pas y répondre.',
        '',
      ].join('\n'),
    );
    expect(mail.html).toMatch(/^<!doctype html><html lang="fr">/);
    expect(mail.html).toContain('Bonjour &lt;Marie&gt;,');
    expect(mail.html).toContain('href="https://ecole.example/connexion?token=a&amp;b"');
    expect(mail.html).not.toMatch(/<img|<script|src=/);
  });
});
