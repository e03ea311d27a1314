import type { HandlersFor } from './handler-types';
import type { importApi } from '../../shared/api/import-api';
import { importDistrict } from '../services/import/import-service';

/** The import reports progress itself through ctx.emit('import-progress'). */
export const importHandlers: HandlersFor<keyof typeof importApi> = {
  'district-import': (args, ctx) => importDistrict(ctx, args.dir, { preset: args.preset }),
};
