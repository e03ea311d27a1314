import type { HandlersFor } from './handler-types';
import type { consentsApi, UploadedFile } from '../../shared/api/consents-api';
import { consentDefaults, consentSigners, getConsent, listConsents, recordConsent, revokeConsent } from '../services/consents-service';
import { getEvidence, type EvidenceUpload } from '../services/consent-evidence';
import { importConsents } from '../services/consent-import';
import { consentStudent } from '../services/consent-student';
import { consentCoverage, exportNeedsForm } from '../services/consent-coverage';
import { consentForms } from '../services/consent-forms-service';
import { addOptOut, designateDirectory, getDirectory, listOptOuts, removeOptOut } from '../services/directory-service';
import type { RevocationReason, ConsentMethod } from '../../shared/consent/record';

const upload = (f: UploadedFile): EvidenceUpload => ({ fileName: f.fileName, bytes: Buffer.from(f.contentBase64, 'base64') });

export const consentsHandlers: HandlersFor<keyof typeof consentsApi> = {
  'consents-list': (args, ctx) => listConsents(ctx, args),
  'consent-get': (args, ctx) => getConsent(ctx, args.consentId),
  'consent-signers': (args, ctx) => consentSigners(ctx, args.studentId),
  'consent-defaults': (args, ctx) => consentDefaults(ctx, args.agreementId),
  'consent-student': (args, ctx) => consentStudent(ctx, args.studentId),
  'consent-record': (args, ctx) =>
    recordConsent(ctx, {
      ...args,
      // zod has checked both against the same lists these types come from.
      method: args.method as ConsentMethod,
      revocationReason: args.revocationReason as RevocationReason | null,
      evidence: args.evidence ? upload(args.evidence) : null,
    }),
  'consent-revoke': (args, ctx) => revokeConsent(ctx, { ...args, reason: args.reason as RevocationReason }),
  'consent-evidence-get': (args, ctx) => {
    const e = getEvidence(ctx, args.consentId);
    return { fileName: e.fileName, mediaType: e.mediaType, sha256: e.sha256, contentBase64: e.bytes.toString('base64') };
  },
  'consent-import': (args, ctx) => {
    const files = new Map(args.evidenceFiles.map((f) => [f.fileName, f]));
    return importConsents(ctx, {
      fileName: args.fileName, csvText: args.csvText, mode: args.mode, dryRun: args.dryRun,
      evidence: (name) => { const f = files.get(name); return f ? upload(f).bytes : null; },
    });
  },
  'consent-coverage': (args, ctx) => consentCoverage(ctx, args),
  'consent-needs-form-export': (args, ctx) => exportNeedsForm(ctx, args),
  'consent-form': (args, ctx) => consentForms(ctx, args),
  'optouts-list': (args, ctx) => listOptOuts(ctx, args),
  'optout-add': (args, ctx) => addOptOut(ctx, args),
  'optout-remove': (args, ctx) => removeOptOut(ctx, args),
  'directory-get': (_args, ctx) => getDirectory(ctx),
  'directory-designate': (args, ctx) => designateDirectory(ctx, args),
};
