import { studentSortColumns, type StudentQuery, type StudentSortColumn } from '../../../../shared/api/students-api';

/**
 * Turns what the grid asks for (a block of rows and its sort model) and the toolbar filters into
 * the 'students-list' query. SQL sorts, filters and limits; the grid only draws. Pure, so it is
 * unit-tested (test/renderer/students/student-query.test.ts).
 */
export interface StudentFilters {
  schoolId: string;
  grade: string;
  search: string;
}

export interface GridBlockRequest {
  startRow: number;
  endRow: number;
  sortModel: { colId: string; sort: 'asc' | 'desc' | null | undefined }[];
}

const sortable = new Set<string>(studentSortColumns);

export function isSortColumn(colId: string): colId is StudentSortColumn {
  return sortable.has(colId);
}

export function toStudentQuery(block: GridBlockRequest, filters: StudentFilters): StudentQuery {
  const sort = block.sortModel
    .filter((s): s is { colId: StudentSortColumn; sort: 'asc' | 'desc' } => isSortColumn(s.colId) && (s.sort === 'asc' || s.sort === 'desc'))
    .slice(0, 3)
    .map((s) => ({ column: s.colId, direction: s.sort }));
  // A roster sorted by last name reads last, first: ties on the last name go by first name.
  if (sort.length === 1 && sort[0]?.column === 'lastName') sort.push({ column: 'firstName', direction: sort[0].direction });
  const search = filters.search.trim();
  return {
    offset: Math.max(0, block.startRow),
    limit: Math.min(1000, Math.max(1, block.endRow - block.startRow)),
    sort,
    ...(filters.schoolId ? { schoolId: filters.schoolId } : {}),
    ...(filters.grade ? { grade: filters.grade } : {}),
    ...(search ? { search: search.slice(0, 100) } : {}),
  };
}

/** OneRoster grade codes, youngest first, with the words a district office uses. */
export const gradeOptions: { code: string; label: string }[] = [
  { code: 'PK', label: 'Pre-kindergarten' },
  { code: 'KG', label: 'Kindergarten' },
  ...Array.from({ length: 12 }, (_, i) => ({ code: String(i + 1).padStart(2, '0'), label: `Grade ${i + 1}` })),
];

/** 'KG' -> 'K', '07' -> '7' for the grid's Grade column. */
export function shortGrade(code: string): string {
  if (code === 'KG') return 'K';
  if (/^\d+$/.test(code)) return String(Number(code));
  return code;
}
