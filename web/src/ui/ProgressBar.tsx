/** A job's progress, 0 to 100 %. */
export function ProgressBar({ label, value }: { label: string; value: number }) {
  const v = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div className="progress">
      <div className="gauge-label">
        <span>{label}</span>
        <span>{v} %</span>
      </div>
      <div
        className="gauge-bar"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={v}
      >
        <div className="gauge-fill" style={{ width: `${v}%` }} />
      </div>
    </div>
  );
}
