import { useRef, type ComponentProps } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { CopyButton } from './CopyButton';
import { TableScroll } from './TableScroll';

/** Links the page keeps: web pages and mail addresses. Anything else (`javascript:`, `data:`, relative paths) goes. */
export function safeUrl(url: string): string | null {
  return /^(https?:\/\/|mailto:)/i.test(url.trim()) ? url.trim() : null;
}

function Link({ href, children }: ComponentProps<'a'>) {
  if (!href) return <span>{children}</span>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow">
      {children}
      <span className="sr-only"> (nouvel onglet)</span>
    </a>
  );
}

/** A picture is never loaded (the page fetches nothing outside the app): its description, linked when safe. */
function Picture({ src, alt }: ComponentProps<'img'>) {
  const text = `Image : ${alt || 'sans description'}`;
  const href = typeof src === 'string' ? safeUrl(src) : null;
  return href ? <Link href={href}>{text}</Link> : <span>[{text}]</span>;
}

function CodeBlock({ children }: ComponentProps<'pre'>) {
  const pre = useRef<HTMLPreElement>(null);
  return (
    <div className="code-block">
      <CopyButton label="Copier le code" text={() => pre.current?.textContent ?? ''} />
      <pre ref={pre} tabIndex={0}>
        {children}
      </pre>
    </div>
  );
}

function Table({ children }: ComponentProps<'table'>) {
  return (
    <TableScroll label="Tableau de la réponse">
      <table className="table">{children}</table>
    </TableScroll>
  );
}

/**
 * A model's headings sit inside a page that has its own (h1 the page, h2 its sections): they
 * all become h3, so the page's outline stays in order (WCAG 1.3.1, axe's heading-order).
 */
function Heading({ children }: ComponentProps<'h3'>) {
  return <h3 className="markdown-heading">{children}</h3>;
}

const COMPONENTS: Components = {
  h1: ({ children }) => <Heading>{children}</Heading>,
  h2: ({ children }) => <Heading>{children}</Heading>,
  h3: ({ children }) => <Heading>{children}</Heading>,
  h4: ({ children }) => <Heading>{children}</Heading>,
  h5: ({ children }) => <Heading>{children}</Heading>,
  h6: ({ children }) => <Heading>{children}</Heading>,
  a: ({ href, children }) => <Link href={href}>{children}</Link>,
  img: ({ src, alt }) => <Picture src={src} alt={alt} />,
  pre: ({ children }) => <CodeBlock>{children}</CodeBlock>,
  table: ({ children }) => <Table>{children}</Table>,
};

/**
 * A model's answer as Markdown (lists, tables, code) with GitHub's extensions, sanitized:
 * raw HTML is shown as text, never run (no rehype-raw); links only to http(s) and mail,
 * opened in a new tab without access to this page; pictures are not loaded.
 */
export function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown remarkPlugins={[remarkGfm]} components={COMPONENTS} urlTransform={(url) => safeUrl(url) ?? ''}>
        {text}
      </ReactMarkdown>
    </div>
  );
}
