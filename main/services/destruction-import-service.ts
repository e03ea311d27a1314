import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ServiceContext } from './context';
import { requireMode } from './identity-service';
import { recordDestruction } from './disclosures-service';
import { certificateInfo } from '../crypto/certificate';
import { verifySignedContent } from '../crypto/cms/signed-data';
import { PackageFailure } from '../crypto/package-failure';
import { StewardError } from '../../shared/api/result';
import { MAX_DESTRUCTION_BYTES, parseDestructionCertificate } from '../../shared/package/destruction';
import type { DestructionImportResult } from '../../shared/api/packages-api';

/**
 * The district's side of destruction: a partner's signed certificate (see
 * partner-destruction-service.ts) is verified against the certificates attached to partners
 * (current or replaced: a partner may have rotated since), checked against the packages this
 * district sent under that agreement to that partner, and recorded with recordDestruction, which
 * marks those packages' disclosures destroyed. A certificate that fails any check records nothing.
 */
export function importDestructionCertificate(ctx: ServiceContext, input: { filePath: string }): DestructionImportResult {
  requireMode(ctx, 'district', 'Recording a destruction certificate');
  const file = resolve(input.filePath);
  let data: Buffer;
  try {
    if (statSync(file).size > MAX_DESTRUCTION_BYTES + 64 * 1024) throw new StewardError('BAD_INPUT', `${file} is far larger than a destruction certificate; check the file.`, { file });
    data = readFileSync(file);
  } catch (e) {
    if (e instanceof StewardError) throw e;
    throw new StewardError('NOT_FOUND', `Cannot read ${file}: check the path.`, { file });
  }
  const attached = ctx.db.prepare('SELECT partner_id AS partnerId, cert_pem AS pem, cert_sha256 AS sha256 FROM partner_certificates').all() as { partnerId: string; pem: string; sha256: string }[];
  let verified;
  try {
    verified = verifySignedContent(data, { trusted: attached.map((a) => certificateInfo(a.pem)), maxContentBytes: MAX_DESTRUCTION_BYTES, what: 'destruction certificate' });
  } catch (e) {
    if (!(e instanceof PackageFailure)) throw e;
    const words = e.reason === 'untrusted-signer' || e.reason === 'signer-key-mismatch'
      ? 'It is not signed by a certificate attached to any of your partners. If the partner replaced its certificate, attach the new one (after comparing fingerprints) first.'
      : e.reason === 'bad-signature' ? 'Its signature does not match its contents: it was altered after it was signed. Ask the partner to send it again.'
      : 'It is not a signed destruction certificate (CMS SignedData) in the form Steward writes. Ask the partner to send the .p7s file Steward produced.';
    throw new StewardError('PACKAGE_REJECTED', `This destruction certificate was not recorded. ${words}`, { file }, e.reason);
  }
  const parsed = parseDestructionCertificate(new TextDecoder('utf-8').decode(verified.content));
  if (!parsed.ok) throw new StewardError('BAD_INPUT', `The signed destruction certificate is not in Steward's format: ${parsed.problem}.`, { file });
  const c = parsed.certificate;
  const signerPartner = attached.find((a) => a.sha256 === verified.signer.sha256)!.partnerId;
  if (c.recipient.certSha256 !== verified.signer.sha256 || c.recipient.partnerId !== signerPartner) {
    throw new StewardError('PACKAGE_REJECTED', 'This destruction certificate names a different partner than the one whose certificate signed it. It was not recorded; tell the partner.', { file }, 'recipient-mismatch');
  }
  const agreementPartner = ctx.db.prepare('SELECT partner_id FROM agreements WHERE id = ?').pluck().get(c.agreement.id) as string | undefined;
  if (agreementPartner !== signerPartner) {
    throw new StewardError('BAD_INPUT', `The certificate names agreement ${c.agreement.id}, which is not an agreement with the partner that signed it. Nothing was recorded.`, { file });
  }
  const sent = ctx.db.prepare('SELECT 1 FROM packages WHERE package_id = ? AND agreement_id = ? AND partner_id = ?');
  const stranger = c.packages.find((p) => !sent.get(p.packageId, c.agreement.id, signerPartner));
  if (stranger) throw new StewardError('NOT_FOUND', `The certificate names package ${stranger.packageId}, which this district did not send to that partner under agreement ${c.agreement.id}. Nothing was recorded.`, { file });
  const signedBy = `${c.signedBy.name}${c.signedBy.title ? `, ${c.signedBy.title}` : ''} (${c.recipient.organization})`;
  const packageIds = c.packages.map((p) => p.packageId);
  const { destructionId } = recordDestruction(ctx, {
    agreementId: c.agreement.id, packageIds, destroyedOn: c.destroyedOn, method: c.method, signedBy,
    categories: c.disposition.extent === 'complete' ? 'all' : c.disposition.categories,
    certificateSha256: createHash('sha256').update(data).digest('hex'),
  });
  return { destructionId, agreementId: c.agreement.id, partnerId: signerPartner, packageIds, destroyedOn: c.destroyedOn, signedBy };
}
