import type { ServiceContext } from './context';
import type { StudentQuery, StudentPage, StudentRow, SchoolSummary, DistrictSummary, StudentSortColumn } from '../../shared/api/students-api';

const sortSql: Record<StudentSortColumn, string> = {
  localId: 's.local_id',
  lastName: 's.last_name COLLATE NOCASE',
  firstName: 's.first_name COLLATE NOCASE',
  grade: `CASE s.grade WHEN 'PK' THEN -1 WHEN 'KG' THEN 0 ELSE CAST(s.grade AS INTEGER) END`,
  schoolName: 'o.name COLLATE NOCASE',
  birthDate: 's.birth_date',
  homeLanguage: 's.home_language COLLATE NOCASE',
};

/** A page of students for the grid: SQL sorts, filters and limits; the renderer only draws. */
export function listStudents(ctx: ServiceContext, q: StudentQuery): StudentPage {
  const where: string[] = [`s.status = 'active'`];
  const params: Record<string, unknown> = {};
  if (q.schoolId) { where.push('s.school_id = @schoolId'); params.schoolId = q.schoolId; }
  if (q.grade) { where.push('s.grade = @grade'); params.grade = q.grade; }
  if (q.search) {
    where.push(`(s.last_name LIKE @search ESCAPE '\\' OR s.first_name LIKE @search ESCAPE '\\' OR s.local_id LIKE @search ESCAPE '\\')`);
    params.search = `${q.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  }
  const whereSql = `WHERE ${where.join(' AND ')}`;
  // A stable tiebreaker keeps pages from overlapping when sort keys repeat.
  const order = [...q.sort.map((s) => `${sortSql[s.column]} ${s.direction === 'desc' ? 'DESC' : 'ASC'}`), 's.local_id ASC'].join(', ');
  const rows = ctx.db
    .prepare(
      `SELECT s.id, s.local_id AS localId, s.first_name AS firstName, s.last_name AS lastName, s.grade, s.school_id AS schoolId,
              o.name AS schoolName, s.birth_date AS birthDate, s.home_language AS homeLanguage
         FROM students s JOIN orgs o ON o.id = s.school_id ${whereSql} ORDER BY ${order} LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: q.limit, offset: q.offset }) as StudentRow[];
  const { total } = ctx.db.prepare(`SELECT count(*) AS total FROM students s ${whereSql}`).get(params) as { total: number };
  return { rows, total };
}

export function listSchools(ctx: ServiceContext): SchoolSummary[] {
  return ctx.db
    .prepare(
      `SELECT o.id, o.name, count(s.id) AS studentCount FROM orgs o LEFT JOIN students s ON s.school_id = o.id AND s.status = 'active'
        WHERE o.type = 'school' GROUP BY o.id ORDER BY o.name`,
    )
    .all() as SchoolSummary[];
}

export function districtSummary(ctx: ServiceContext): DistrictSummary {
  const one = (sql: string) => (ctx.db.prepare(sql).get() as { n: number | string | null } | undefined)?.n ?? null;
  if (ctx.mode === 'partner') {
    return { districtName: null, students: 0, schools: 0, guardians: 0, lastImportAt: null, mode: 'partner' };
  }
  return {
    districtName: one(`SELECT name AS n FROM orgs WHERE type = 'district' ORDER BY id LIMIT 1`) as string | null,
    students: Number(one(`SELECT count(*) AS n FROM students WHERE status = 'active'`)),
    schools: Number(one(`SELECT count(*) AS n FROM orgs WHERE type = 'school'`)),
    guardians: Number(one(`SELECT count(*) AS n FROM guardians`)),
    lastImportAt: one(`SELECT max(finished_at) AS n FROM import_runs`) as string | null,
    mode: 'district',
  };
}
