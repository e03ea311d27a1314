import { useId } from 'react';

interface Props {
  from: string;
  to: string;
  onFrom(value: string): void;
  onTo(value: string): void;
}

/** A filter form's From/To date pair; each date bounds the other so the range cannot be inverted. */
export function DateRangeFields({ from, to, onFrom, onTo }: Props) {
  const ids = { from: useId(), to: useId() };
  return (
    <>
      <div className="field">
        <label htmlFor={ids.from}>From</label>
        <input id={ids.from} type="date" value={from} max={to || undefined} onChange={(e) => onFrom(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={ids.to}>To</label>
        <input id={ids.to} type="date" value={to} min={from || undefined} onChange={(e) => onTo(e.target.value)} />
      </div>
    </>
  );
}
