// The rules of a task's automatic checks (API 1.2) in words, wherever a page shows them.

const quoted = (v: unknown) => `« ${typeof v === 'string' ? v : JSON.stringify(v)} »`;

/** A rule as a 16-year-old reads it, after « La réponse doit… ». */
export function ruleText(rule: { type: string; valeur: unknown; flags?: string }): string {
  switch (rule.type) {
    case 'contient':
      return `contenir ${quoted(rule.valeur)}`;
    case 'ne_contient_pas':
      return `ne pas contenir ${quoted(rule.valeur)}`;
    case 'egal':
      return `être exactement ${quoted(rule.valeur)} (espaces au début et à la fin non comptés)`;
    case 'regex':
      return `correspondre au motif ${quoted(rule.valeur)}${rule.flags === 'i' ? ' (majuscules et minuscules confondues)' : ''}`;
    case 'json_schema':
      return 'être du JSON (seulement du JSON) qui respecte la forme demandée';
    case 'max_mots':
      return `tenir en ${typeof rule.valeur === 'number' ? rule.valeur.toLocaleString('fr-FR') : quoted(rule.valeur)} mots au plus`;
    default:
      return `respecter la règle ${quoted(rule.type)}`;
  }
}

/** `{{nom}}` as the page writes it. */
export const placeholder = (name: string) => `{{${name}}}`;
