import type { HandlersFor } from './handler-types';
import type { storeApi } from '../../shared/api/store-api';
import { storeInfo } from '../services/store-info-service';

export const storeHandlers: HandlersFor<keyof typeof storeApi> = {
  'store-info': (_args, ctx) => storeInfo(ctx),
};
