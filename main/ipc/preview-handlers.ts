import type { HandlersFor } from './handler-types';
import type { previewApi } from '../../shared/api/preview-api';
import { previewCompare, previewRows, previewSummary, savePreviewCsv } from '../services/preview-service';

export const previewHandlers: HandlersFor<keyof typeof previewApi> = {
  'preview-summary': (args, ctx) => previewSummary(ctx, args),
  'preview-rows': (args, ctx) => previewRows(ctx, args),
  'preview-compare': (args, ctx) => previewCompare(ctx, args),
  'preview-save-csv': (args, ctx) => savePreviewCsv(ctx, args),
};
