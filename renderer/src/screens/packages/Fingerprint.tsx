/**
 * A SHA-256 fingerprint for reading aloud: 16 groups of four, in two lines of eight, large and
 * monospaced. The text content stays the one-line form (what the services return and tests read).
 */
export function Fingerprint({ value, labelledBy, testId = 'fingerprint' }: { value: string; labelledBy?: string; testId?: string }) {
  const groups = value.split(' ');
  return (
    <p className="fingerprint" aria-labelledby={labelledBy} data-testid={testId}>
      <span className="fingerprint-line">{groups.slice(0, 8).join(' ')}</span> <span className="fingerprint-line">{groups.slice(8).join(' ')}</span>
    </p>
  );
}
