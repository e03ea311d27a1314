import type { Command } from '../types';
import { storeCommands } from './store';
import { studentsCommands } from './students';

/** Every CLI command. Each noun keeps its commands in its own file; add the array here. */
export const commands: Command[] = [...storeCommands, ...studentsCommands];
