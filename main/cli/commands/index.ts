import type { Command } from '../types';
import { storeCommands } from './store';
import { studentsCommands } from './students';
import { auditCommands } from './audit';
import { partnersCommands } from './partners';
import { programsCommands } from './programs';
import { agreementsCommands } from './agreements';
import { previewCommands } from './preview';
import { consentsCommands } from './consents';
import { directoryCommands } from './directory';
import { importCommands } from './import';
import { identityCommands } from './identity';
import { packagesCommands } from './packages';

/** Every CLI command. Each noun keeps its commands in its own file; add the array here. */
export const commands: Command[] = [...storeCommands, ...studentsCommands, ...auditCommands, ...partnersCommands, ...programsCommands, ...agreementsCommands, ...previewCommands, ...consentsCommands, ...directoryCommands, ...importCommands, ...identityCommands, ...packagesCommands];
