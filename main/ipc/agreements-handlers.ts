import type { HandlersFor } from './handler-types';
import type { agreementsApi } from '../../shared/api/agreements-api';
import { agreementDocument, catalogInfo, checkAgreement, createAgreement, diffVersions, getAgreement, listAgreements, updateAgreement } from '../services/agreements-service';
import { activateAgreement, approveAgreement, commentAgreement, returnAgreement, submitAgreement, terminateAgreement } from '../services/agreement-review';

export const agreementsHandlers: HandlersFor<keyof typeof agreementsApi> = {
  'agreements-list': (args, ctx) => listAgreements(ctx, args),
  'agreement-get': (args, ctx) => getAgreement(ctx, args),
  'agreement-create': (args, ctx) => createAgreement(ctx, args),
  'agreement-update': (args, ctx) => updateAgreement(ctx, args),
  'agreement-check': (args, ctx) => checkAgreement(ctx, args.content),
  'agreement-submit': (args, ctx) => submitAgreement(ctx, args),
  'agreement-return': (args, ctx) => returnAgreement(ctx, args),
  'agreement-comment': (args, ctx) => commentAgreement(ctx, args),
  'agreement-approve': (args, ctx) => approveAgreement(ctx, args),
  'agreement-activate': (args, ctx) => activateAgreement(ctx, args),
  'agreement-terminate': (args, ctx) => terminateAgreement(ctx, args),
  'agreement-diff': (args, ctx) => diffVersions(ctx, args),
  'agreement-document': (args, ctx) => agreementDocument(ctx, args),
  'catalog-list': () => catalogInfo(),
};
