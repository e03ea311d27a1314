import type { Database } from '../../db/sql';

/** Tables the importer writes in bulk. */
const bulkTables = ['students', 'guardians', 'student_guardians', 'enrollments', 'attendance_periods', 'course_grades', 'discipline_incidents', 'assessments', 'program_enrollments'];

/**
 * Drops the secondary indexes of the bulk-loaded tables and returns a function that recreates
 * them exactly as their migrations defined them (SQL read back from sqlite_master). Building an
 * index once from sorted data is much cheaper than updating it on every inserted row. Both run
 * inside the import's transaction, so a failed import rolls the drop back too. Unique indexes
 * are kept: they enforce a rule the import must check row by row.
 */
export function suspendIndexes(db: Database): () => void {
  const marks = bulkTables.map(() => '?').join(', ');
  const indexes = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${marks}) AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name`)
    .all(...bulkTables) as { name: string; sql: string }[];
  for (const ix of indexes) db.exec(`DROP INDEX "${ix.name.replace(/"/g, '""')}"`);
  return () => {
    for (const ix of indexes) db.exec(ix.sql);
  };
}
