import type { ScreenProps } from '../types';
import type { CatalogInfo } from '../../../../shared/api/agreements-api';
import { useQuery } from '../../api/hooks';
import { Problem } from '../sharing/ui';
import { AgreementList } from './AgreementList';
import { AgreementReview } from './review/AgreementReview';
import { AgreementEditor } from './editor/AgreementEditor';
import '../sharing/sharing.css';

/**
 * Agreements:
 *   #/agreements                      the list
 *   #/agreements/new[/<partnerId>]    the editor, drafting a new agreement
 *   #/agreements/<id>[/v/<n>]         versions and review of one agreement (a version, default the latest)
 *   #/agreements/<id>/edit            the editor, on the latest version
 */
export default function AgreementsScreen({ params, navigate }: ScreenProps) {
  const [first, second, third] = params;
  let body;
  if (!first) body = <AgreementList navigate={navigate} />;
  else if (first === 'new') body = <EditorLoader partnerId={second} navigate={navigate} />;
  else if (second === 'edit') body = <EditorLoader agreementId={first} navigate={navigate} />;
  else {
    const version = second === 'v' && third && /^\d+$/.test(third) ? Number(third) : undefined;
    body = <AgreementReview key={`${first}/${version ?? ''}`} agreementId={first} version={version} navigate={navigate} />;
  }
  return <div className="sharing">{body}</div>;
}

/** Loads the catalog (and the agreement being edited) before the editor starts. */
function EditorLoader({ agreementId, partnerId, navigate }: { agreementId?: string; partnerId?: string | undefined; navigate(to: string): void }) {
  const catalog = useQuery('catalog-list', {});
  if (catalog.error) return <Problem error={catalog.error} title="The editor could not open" />;
  if (!catalog.data) return <p className="muted">Loading…</p>;
  if (agreementId) return <ExistingEditor agreementId={agreementId} catalog={catalog.data} navigate={navigate} />;
  return <AgreementEditor key="new" catalog={catalog.data} navigate={navigate} {...(partnerId ? { partnerId } : {})} />;
}

function ExistingEditor({ agreementId, catalog, navigate }: { agreementId: string; catalog: CatalogInfo; navigate(to: string): void }) {
  const existing = useQuery('agreement-get', { agreementId });
  if (existing.error) return <Problem error={existing.error} title="This agreement could not be opened" />;
  if (!existing.data) return <p className="muted">Loading…</p>;
  return <AgreementEditor key={agreementId} existing={existing.data} catalog={catalog} navigate={navigate} />;
}
