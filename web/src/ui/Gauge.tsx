/** How much of a quota is used: a labelled bar, "12 / 50 prompts". */
export function Gauge({
  label,
  used,
  limit,
  unit,
}: {
  label: string;
  used: number;
  limit: number | null;
  unit: string;
}) {
  const unlimited = limit === null || limit < 0;
  const ratio = unlimited ? 0 : limit === 0 ? 1 : Math.min(1, used / limit);
  const left = unlimited ? null : Math.max(0, limit - used);
  const level = ratio >= 0.9 ? 'high' : ratio >= 0.7 ? 'mid' : 'low';
  const fmt = (n: number) => n.toLocaleString('fr-FR');
  return (
    <div className="gauge">
      <div className="gauge-label">
        <span>{label}</span>
        <span>
          {unlimited ? `${fmt(used)} ${unit} (illimité)` : `${fmt(left ?? 0)} ${unit} restants sur ${fmt(limit)}`}
        </span>
      </div>
      <div
        className={`gauge-bar gauge-${level}`}
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={unlimited ? used : limit}
        aria-valuenow={used}
        aria-valuetext={unlimited ? `${used} ${unit}, illimité` : `${used} ${unit} utilisés sur ${limit}`}
      >
        <div className="gauge-fill" style={{ width: `${Math.round(ratio * 100)}%` }} />
      </div>
    </div>
  );
}
