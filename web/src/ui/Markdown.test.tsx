import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Markdown, safeUrl } from './Markdown';

afterEach(cleanup);

describe('a model answer as Markdown', () => {
  it('renders a script, an onerror attribute and a javascript: link inert', () => {
    const attack = [
      'Voici la réponse <script>window.hacked = true</script>',
      '',
      '<img src="x" onerror="window.hacked = true">',
      '',
      '[clique ici](javascript:window.hacked=true) et [là](JaVaScRiPt:alert(1)) ou [data](data:text/html,<b>x</b>)',
      '',
      '<a href="javascript:alert(1)" onclick="alert(1)">lien brut</a>',
      '',
      '![photo](https://tracker.example/pixel.png)',
    ].join('\n');
    const { container } = render(<Markdown text={attack} />);
    expect(container.querySelectorAll('script, iframe, object, embed, img, style')).toHaveLength(0);
    const withHandler = [...container.querySelectorAll('*')].filter((el) =>
      [...el.attributes].some((a) => a.name.toLowerCase().startsWith('on')),
    );
    expect(withHandler).toHaveLength(0);
    for (const a of container.querySelectorAll('a')) expect(a.getAttribute('href')).toMatch(/^(https?:|mailto:)/);
    expect((window as { hacked?: boolean }).hacked).toBeUndefined();
    // What the model wrote stays readable, as text.
    expect(container.textContent).toContain('<script>window.hacked = true</script>');
    expect(container.textContent).toContain('clique ici');
    expect(container.textContent).toContain('Image : photo');
  });

  it('opens safe links in a new tab, without access to the page and without passing it rank', () => {
    render(
      <Markdown text="Voir [la doc](https://developer.mozilla.org/fr/) ou [écrire](mailto:prof@ecole.example)." />,
    );
    const doc = screen.getByRole('link', { name: /la doc/ });
    expect(doc.getAttribute('href')).toBe('https://developer.mozilla.org/fr/');
    expect(doc.getAttribute('target')).toBe('_blank');
    expect(doc.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    expect(screen.getByRole('link', { name: /écrire/ }).getAttribute('href')).toBe('mailto:prof@ecole.example');
  });

  it('makes every heading of an answer an h3, under the page’s own h1 and h2', () => {
    const { container } = render(<Markdown text={'# Titre\n\n### Étape 1\n\n###### Détail'} />);
    expect([...container.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => h.tagName)).toEqual(['H3', 'H3', 'H3']);
  });

  it('keeps only http(s) and mail addresses', () => {
    expect(safeUrl('https://a.example/x')).toBe('https://a.example/x');
    expect(safeUrl(' http://a.example ')).toBe('http://a.example');
    expect(safeUrl('mailto:a@b.example')).toBe('mailto:a@b.example');
    for (const bad of [
      'javascript:alert(1)',
      'data:text/html,x',
      '/admin',
      '//evil.example',
      'vbscript:x',
      'file:///etc',
    ])
      expect(safeUrl(bad)).toBeNull();
  });

  it('renders lists, tables and code, each code block with its copy button', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    Object.defineProperty(window, 'isSecureContext', { value: true, configurable: true });
    const text = [
      '1. un',
      '2. deux',
      '',
      '| a | b |',
      '|---|---|',
      '| 1 | 2 |',
      '',
      '```python',
      'print("ok")',
      '```',
    ].join('\n');
    const { container } = render(<Markdown text={text} />);
    expect(container.querySelectorAll('ol > li')).toHaveLength(2);
    expect(screen.getByRole('table')).toBeTruthy();
    expect(container.querySelector('pre code')?.textContent).toBe('print("ok")\n');
    fireEvent.click(screen.getByRole('button', { name: 'Copier le code' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith('print("ok")\n'));
    await screen.findByText('Copié dans le presse-papiers.');
  });
});
