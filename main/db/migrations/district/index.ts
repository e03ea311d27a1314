import type { Migration } from '../types';
import { districtData } from './001-district-data';
import { agreementsMigration } from './002-agreements';
import { consentsMigration } from './003-consents';
import { disclosuresMigration } from './004-disclosures';
import { packagesMigration } from './005-packages';
import { clusteredStudentTablesMigration } from './006-clustered-student-tables';

/** The district store's migrations, in order. Append only; never edit a shipped one. */
export const districtMigrations: Migration[] = [districtData, agreementsMigration, consentsMigration, disclosuresMigration, packagesMigration, clusteredStudentTablesMigration];
