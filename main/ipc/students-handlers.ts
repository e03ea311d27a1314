import type { HandlersFor } from './handler-types';
import type { studentsApi } from '../../shared/api/students-api';
import { listStudents, listSchools, districtSummary } from '../services/students-service';

export const studentsHandlers: HandlersFor<keyof typeof studentsApi> = {
  'students-list': (args, ctx) => listStudents(ctx, args),
  'schools-list': (_args, ctx) => listSchools(ctx),
  'district-summary': (_args, ctx) => districtSummary(ctx),
};
