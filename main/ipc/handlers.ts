import type { Handlers } from './handler-types';
import { studentsHandlers } from './students-handlers';
import { auditHandlers } from './audit-handlers';
import { partnersHandlers } from './partners-handlers';
import { agreementsHandlers } from './agreements-handlers';
import { previewHandlers } from './preview-handlers';
import { consentsHandlers } from './consents-handlers';
import { importHandlers } from './import-handlers';
import { packagesHandlers } from './packages-handlers';
import { storeHandlers } from './store-handlers';

/** The one handler map: the spread of every domain's handlers. Adding a channel without its handler fails to compile. */
export const handlers: Handlers = {
  ...studentsHandlers,
  ...auditHandlers,
  ...partnersHandlers,
  ...agreementsHandlers,
  ...previewHandlers,
  ...consentsHandlers,
  ...importHandlers,
  ...packagesHandlers,
  ...storeHandlers,
};
