import { useId, useState } from 'react';
import type { ScreenProps } from '../types';
import { invoke } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { Problem, useAction } from '../sharing/ui';
import { CertificateCard } from './CertificateCard';
import '../../styles/records.css';
import './packages.css';

/**
 * `#/identity`: this store's identity and the other side's certificates. District: the signing
 * identity, the partners' certificates and a form to attach one after the fingerprint call.
 * Partner workspace: its identity, the certificate to send, and pinning the district's.
 */
export default function IdentityScreen(_props: ScreenProps) {
  const overview = useQuery('identity-get', {});
  const create = useAction();
  const [organization, setOrganization] = useState('');
  const orgId = useId();
  const o = overview.data;
  if (overview.error) return <Problem error={overview.error} title="The identities could not be read" />;
  if (!o) return <p className="muted" role="status">Reading identities…</p>;
  const mine = o.mode === 'district' ? o.signing : o.identity;

  return (
    <div className="packages identity-screen">
      <p className="lede">
        {o.mode === 'district'
          ? 'The district signs every package with its own key, and encrypts each to the partner\'s certificate. Certificates are trusted only after both sides compare the fingerprint by phone.'
          : 'Packages from the district are encrypted to this workspace\'s certificate and signed with the district\'s. Send your certificate to the district and read them its fingerprint; pin theirs after they read you theirs.'}
      </p>
      {mine ? (
        <CertificateCard title={o.mode === 'district' ? 'District signing identity' : 'This workspace\'s identity'} cert={mine} />
      ) : (
        <section className="card">
          <h2>{o.mode === 'district' ? 'Create the district signing identity' : 'Create this workspace\'s identity'}</h2>
          <p>An RSA-3072 key and certificate, made on this computer. The private key never leaves the encrypted store unless you export it.</p>
          <form className="toolbar" onSubmit={(e) => { e.preventDefault(); void create.run(() => invoke('identity-create', { kind: 'signing', ...(organization.trim() ? { organization: organization.trim() } : {}) }), () => { overview.reload(); return 'Identity created.'; }); }}>
            <div className="field field-grow">
              <label htmlFor={orgId}>Organisation name{o.mode === 'district' ? ' (default: the district\'s name)' : ''}</label>
              <input id={orgId} type="text" value={organization} onChange={(e) => setOrganization(e.target.value)} required={o.mode === 'partner'} />
            </div>
            <button className="button-primary" type="submit" disabled={create.busy}>{create.busy ? 'Creating…' : 'Create identity'}</button>
          </form>
          {create.error && <Problem error={create.error} title="The identity was not created" />}
        </section>
      )}
      {mine && <ExportCertificate />}
      {o.mode === 'district' ? (
        <>
          <section aria-labelledby="partner-certs">
            <h2 id="partner-certs">Partner certificates</h2>
            {o.partners.length === 0 && <p className="empty">No partner certificate is attached yet.</p>}
            {o.partners.map((p) => <CertificateCard key={p.partnerId} title={p.partnerName} cert={p} extra={[['Attached', `${p.attachedAt.slice(0, 10)} by ${p.attachedBy}`]]} />)}
          </section>
          <AttachCertificate partners={[...o.partnersWithout, ...o.partners.map((p) => ({ partnerId: p.partnerId, partnerName: p.partnerName }))]} onDone={overview.reload} />
        </>
      ) : (
        <>
          <section aria-labelledby="district-certs">
            <h2 id="district-certs">Trusted district certificates</h2>
            {o.districts.length === 0 && <p className="empty">No district certificate is trusted yet: packages cannot be opened.</p>}
            {o.districts.map((d) => <CertificateCard key={d.sha256} title="District" cert={d} extra={[['Pinned', `${d.pinnedAt.slice(0, 10)} by ${d.pinnedBy}`]]} />)}
          </section>
          <AttachCertificate partners={null} onDone={overview.reload} />
        </>
      )}
    </div>
  );
}

function ExportCertificate() {
  const cert = useQuery('identity-export-cert', {});
  const id = useId();
  if (!cert.data) return null;
  return (
    <section className="card">
      <h2>Certificate to send ({cert.data.fileName})</h2>
      <label htmlFor={id}>Copy this PEM text into an e-mail or file for the other party (it holds no secret).</label>
      <textarea id={id} readOnly value={cert.data.pem} />
    </section>
  );
}

/** The fingerprint call as a form: paste the certificate, type the fingerprint heard on the phone. */
function AttachCertificate({ partners, onDone }: { partners: { partnerId: string; partnerName: string }[] | null; onDone(): void }) {
  const action = useAction();
  const [partnerId, setPartnerId] = useState('');
  const [pem, setPem] = useState('');
  const [fingerprint, setFingerprint] = useState('');
  const ids = { partner: useId(), pem: useId(), fp: useId(), hint: useId() };
  const district = partners !== null;
  const submit = () => action.run(
    () => (district ? invoke('partner-certificate-attach', { partnerId: partnerId || (partners[0]?.partnerId ?? ''), certPem: pem, fingerprint }).then(() => undefined) : invoke('district-certificate-pin', { certPem: pem, fingerprint }).then(() => undefined)),
    () => { setPem(''); setFingerprint(''); onDone(); return district ? 'Certificate attached.' : 'District certificate trusted.'; },
  );
  return (
    <section className="card" aria-labelledby={`${ids.pem}-h`}>
      <h2 id={`${ids.pem}-h`}>{district ? 'Attach a partner certificate' : 'Trust the district\'s certificate'}</h2>
      <form className="form" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        {district && (
          <div className="field">
            <label htmlFor={ids.partner}>Partner</label>
            <select id={ids.partner} value={partnerId} onChange={(e) => setPartnerId(e.target.value)}>
              {partners.map((p) => <option key={p.partnerId} value={p.partnerId}>{p.partnerName}</option>)}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor={ids.pem}>Certificate (PEM text, -----BEGIN CERTIFICATE----- …)</label>
          <textarea id={ids.pem} value={pem} onChange={(e) => setPem(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor={ids.fp}>Fingerprint, as the other party reads it aloud from their screen</label>
          <input id={ids.fp} type="text" value={fingerprint} onChange={(e) => setFingerprint(e.target.value)} aria-describedby={ids.hint} required autoComplete="off" spellCheck={false} />
          <span id={ids.hint} className="field-note">16 groups of 4 characters. Nothing is trusted unless every character matches this certificate.</span>
        </div>
        <div className="form-actions">
          <button className="button-primary" type="submit" disabled={action.busy || !pem || !fingerprint}>{district ? 'Attach certificate' : 'Trust certificate'}</button>
        </div>
      </form>
      {action.error && <Problem error={action.error} title={district ? 'The certificate was not attached' : 'The certificate was not trusted'} />}
      {action.message && <p className="notice notice-ok" role="status">{action.message}</p>}
    </section>
  );
}
