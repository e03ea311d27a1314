import type { HandlersFor } from './handler-types';
import type { auditApi } from '../../shared/api/audit-api';
import { auditFacets, listAudit, verifyAudit } from '../services/audit-service';
import { disclosureHistory, listDisclosures } from '../services/disclosures-query';
import { disclosureReport, transparencyReport } from '../services/disclosure-reports';

export const auditHandlers: HandlersFor<keyof typeof auditApi> = {
  'audit-list': (args, ctx) => listAudit(ctx, args),
  'audit-facets': (_args, ctx) => auditFacets(ctx),
  'audit-verify': (args, ctx) => verifyAudit(ctx, args.anchor ? { anchor: args.anchor } : {}),
  'disclosures-list': (args, ctx) => listDisclosures(ctx, args),
  'disclosure-history': (args, ctx) => disclosureHistory(ctx, args.studentId),
  'disclosure-report': (args, ctx) => disclosureReport(ctx, args),
  'transparency-report': (args, ctx) => transparencyReport(ctx, args),
};
