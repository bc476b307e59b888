import type { Schema } from '@prompt-challenge/api-client';

/** API 1.2 `modeles`: the models students may choose in this hackathon; none checked = all of them. */
export function ModelsField({
  models,
  chosen,
  onChange,
}: {
  models: Schema<'AiModel'>[];
  chosen: string[];
  onChange: (modeles: string[]) => void;
}) {
  const toggle = (name: string, on: boolean) => onChange(on ? [...chosen, name] : chosen.filter((m) => m !== name));
  return (
    <fieldset aria-describedby="modeles-aide">
      <legend>Modèles autorisés</legend>
      <p className="hint" id="modeles-aide">
        Aucun coché : les étudiants choisissent parmi tous les modèles.
      </p>
      <ul className="checks">
        {models.map((m) => (
          <li key={m.name}>
            <label>
              <input
                type="checkbox"
                checked={chosen.includes(m.name)}
                onChange={(e) => toggle(m.name, e.target.checked)}
              />
              {m.name} <span className="hint">({m.provider})</span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
