import type { Migration } from '../types';
import { districtData } from './001-district-data';

/** The district store's migrations, in order. Append only; never edit a shipped one. */
export const districtMigrations: Migration[] = [districtData];
