const BLOCKS = new Set(['P', 'LI', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'PRE', 'TR', 'BLOCKQUOTE', 'DIV', 'TABLE']);

/**
 * The text a screen reader is given for a rendered answer: what it shows, one line a block,
 * without the page's own buttons inside it (a code block's « Copier »).
 */
export function announceText(root: Element): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
    if (!(node instanceof Element) || node.matches('.copy, button')) return;
    node.childNodes.forEach(walk);
    if (BLOCKS.has(node.tagName)) parts.push('\n');
  };
  walk(root);
  return parts
    .join('')
    .replace(/[ \t]*\n\s*/g, '\n')
    .trim();
}
