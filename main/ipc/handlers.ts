import type { Handlers } from './handler-types';
import { studentsHandlers } from './students-handlers';

/** The one handler map: the spread of every domain's handlers. Adding a channel without its handler fails to compile. */
export const handlers: Handlers = {
  ...studentsHandlers,
};
