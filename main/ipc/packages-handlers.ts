import type { HandlersFor } from './handler-types';
import type { packagesApi } from '../../shared/api/packages-api';
import { attachPartnerCertificate, createIdentity, exportCertificate, identityOverview, pinDistrictCertificate } from '../services/identity-service';
import { exportPackage, listSentPackages } from '../services/package-export-service';
import { importPackageFile, verifyPackageFile } from '../services/partner-workspace-service';
import { listReceivedPackages, partnerDictionary, partnerRecordsPage } from '../services/partner-records-service';
import { destroyAgreementRecords, listDestructions } from '../services/partner-destruction-service';
import { importDestructionCertificate } from '../services/destruction-import-service';
import { saveDestructionCertificate } from '../services/destruction-certificate-save';

export const packagesHandlers: HandlersFor<keyof typeof packagesApi> = {
  'identity-get': (_args, ctx) => identityOverview(ctx),
  'identity-create': (args, ctx) => createIdentity(ctx, args),
  'identity-export-cert': (args, ctx) => exportCertificate(ctx, args),
  'partner-certificate-attach': (args, ctx) => attachPartnerCertificate(ctx, args),
  'district-certificate-pin': (args, ctx) => pinDistrictCertificate(ctx, args),
  'package-export': (args, ctx) => exportPackage(ctx, args),
  'packages-list': (args, ctx) => (ctx.mode === 'partner' ? listReceivedPackages(ctx, args) : listSentPackages(ctx, args)),
  'package-verify': (args, ctx) => verifyPackageFile(ctx, args),
  'package-import': (args, ctx) => importPackageFile(ctx, args),
  'partner-records-list': (args, ctx) => partnerRecordsPage(ctx, args),
  'partner-dictionary-get': (args, ctx) => partnerDictionary(ctx, args),
  'destruction-certificate-create': (args, ctx) => destroyAgreementRecords(ctx, args),
  'destructions-list': (_args, ctx) => listDestructions(ctx),
  'destruction-certificate-save': (args, ctx) => saveDestructionCertificate(ctx, args),
  'destruction-import': (args, ctx) => importDestructionCertificate(ctx, args),
};
