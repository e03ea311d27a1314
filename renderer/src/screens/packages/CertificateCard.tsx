import { Fragment } from 'react';
import type { CertificateView } from '../../../../shared/api/packages-api';
import { Fingerprint } from './Fingerprint';

const expiryWords: Record<CertificateView['expiry'], string> = {
  valid: 'Valid',
  'expiring-soon': 'Expires within 30 days: arrange a new certificate now',
  expired: 'Expired: packages can no longer use it',
  'not-yet-valid': 'Not valid yet',
};

/**
 * One certificate: who it names, its validity (flagged in words within 30 days of expiry), and
 * the SHA-256 fingerprint large, in groups of four, for reading aloud over the phone.
 */
export function CertificateCard({ title, cert, extra }: { title: string; cert: CertificateView; extra?: [string, string][] }) {
  return (
    <section className="cert-card" aria-label={title}>
      <h3>{title}</h3>
      <p className="fingerprint-label" id={`fp-${cert.sha256.slice(0, 8)}`}>SHA-256 fingerprint (read it aloud; both screens must show the same 16 groups)</p>
      <Fingerprint value={cert.fingerprint} labelledBy={`fp-${cert.sha256.slice(0, 8)}`} />
      <dl>
        <dt>Subject</dt>
        <dd>{cert.subject}</dd>
        <dt>Valid</dt>
        <dd>{cert.notBefore.slice(0, 10)} to {cert.notAfter.slice(0, 10)} <span className={`expiry expiry-${cert.expiry}`}>({expiryWords[cert.expiry]})</span></dd>
        <dt>Key</dt>
        <dd>RSA-{cert.keyBits ?? '?'}, {cert.keyUsage.join(', ') || 'any use'}</dd>
        {extra?.map(([k, v]) => (
          <Fragment key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}
