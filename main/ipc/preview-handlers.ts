import type { HandlersFor } from './handler-types';
import type { previewApi } from '../../shared/api/preview-api';
import { previewCompare, previewCsvText, previewExportCsv, previewRows, previewSummary } from '../services/preview-service';

export const previewHandlers: HandlersFor<keyof typeof previewApi> = {
  'preview-summary': (args, ctx) => previewSummary(ctx, args),
  'preview-rows': (args, ctx) => previewRows(ctx, args),
  'preview-compare': (args, ctx) => previewCompare(ctx, args),
  'preview-export-csv': (args, ctx) => previewExportCsv(ctx, args),
  'preview-csv': (args, ctx) => previewCsvText(ctx, args),
};
