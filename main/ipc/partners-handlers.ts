import type { HandlersFor } from './handler-types';
import type { partnersApi } from '../../shared/api/partners-api';
import type { programsApi } from '../../shared/api/programs-api';
import { createPartner, getPartner, listPartners, updatePartner } from '../services/partners-service';
import { createProgram, importEnrolments, listEnrolments, listPrograms } from '../services/programs-service';

export const partnersHandlers: HandlersFor<keyof typeof partnersApi | keyof typeof programsApi> = {
  'partners-list': (_args, ctx) => listPartners(ctx),
  'partner-get': (args, ctx) => getPartner(ctx, args.partnerId),
  'partner-create': (args, ctx) => createPartner(ctx, args),
  'partner-update': (args, ctx) => updatePartner(ctx, args),
  'programs-list': (args, ctx) => listPrograms(ctx, args),
  'program-create': (args, ctx) => createProgram(ctx, args),
  'program-enrolments-list': (args, ctx) => listEnrolments(ctx, args),
  'program-enrol-import': (args, ctx) => importEnrolments(ctx, args),
};
