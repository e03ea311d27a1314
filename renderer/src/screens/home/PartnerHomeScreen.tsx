import { useMemo } from 'react';
import type { ScreenProps } from '../types';
import { useQuery } from '../../api/hooks';
import { ErrorNotice } from '../../app/ErrorNotice';
import { hrefFor } from '../../app/routing';

const count = new Intl.NumberFormat('en-US');

/**
 * The partner workspace's overview: what it holds from the district (packages, records still
 * held, the earliest destroy-by date) and where partner staff go next. No district data here.
 */
export default function PartnerHomeScreen(_props: ScreenProps) {
  const info = useQuery('store-info', {});
  const received = useQuery('packages-list', {});
  const held = useMemo(() => {
    const live = (received.data ?? []).filter((p) => !p.destroyedAt);
    return {
      packages: received.data?.length ?? 0,
      live: live.length,
      records: live.reduce((n, p) => n + p.recordCount, 0),
      nextDestroyBy: live.map((p) => p.destroyBy).sort()[0] ?? null,
    };
  }, [received.data]);
  const name = info.data?.organizationName;
  return (
    <div className="home-screen">
      <p className="lede">
        {name ? `The ${name} partner workspace on this computer: ` : 'The partner workspace on this computer: '}
        student records the district sent in signed, encrypted packages, kept encrypted, shown only as the agreement allows, and destroyed by the date it sets.
      </p>
      {received.error && <ErrorNotice error={received.error} title="The workspace could not be read" />}
      <section aria-labelledby="home-counts">
        <h2 id="home-counts">In the workspace</h2>
        {!received.data && !received.error && <p className="muted">Loading…</p>}
        {received.data && (
          <dl className="stat-grid">
            <div className="stat"><dt>Packages received</dt><dd>{count.format(held.packages)}</dd></div>
            <div className="stat"><dt>Packages with records</dt><dd>{count.format(held.live)}</dd></div>
            <div className="stat"><dt>Records held</dt><dd>{count.format(held.records)}</dd></div>
            <div className="stat"><dt>Next destroy-by date</dt><dd className="stat-text">{held.nextDestroyBy ?? 'Nothing held'}</dd></div>
          </dl>
        )}
      </section>
      <section aria-labelledby="home-next">
        <h2 id="home-next">Start here</h2>
        <ul className="link-list">
          {!name && <li><a href={hrefFor('identity')}>Identity and certificates</a><span className="muted"> — create this workspace&apos;s identity, send the district its certificate and pin theirs.</span></li>}
          <li><a href={hrefFor('packages-received')}>Received packages</a><span className="muted"> — check and import a package file from the district.</span></li>
          <li><a href={hrefFor('partner-records')}>Received records</a><span className="muted"> — read the records your role received, with their data dictionary. Every view is logged.</span></li>
          <li><a href={hrefFor('destructions')}>Destruction certificates</a><span className="muted"> — the signed certificates sent to the district when records were destroyed.</span></li>
        </ul>
      </section>
    </div>
  );
}
