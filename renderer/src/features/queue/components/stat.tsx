/** One headline figure: a label, the number, and a line of detail; a tone when it needs attention. */
import { useId } from 'react';

export function Stat({
  label,
  value,
  tone,
  detail,
}: {
  label: string;
  value: string | number;
  tone?: 'warn' | 'bad' | undefined;
  detail?: string | undefined;
}) {
  const id = useId();
  return (
    <div className={`stat${tone ? ` stat--${tone}` : ''}`} role="group" aria-labelledby={id}>
      <p className="stat__label" id={id}>
        {label}
      </p>
      <p className="stat__value">{value}</p>
      {detail && <p className="stat__detail">{detail}</p>}
    </div>
  );
}

export const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)}%`);
