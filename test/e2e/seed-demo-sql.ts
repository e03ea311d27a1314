import { openStore } from '../../main/db/connection';

/**
 * A stand-in demo district written with direct SQL into the tables of migration 001, used by the
 * e2e setup only while main/services/demo-service.ts (the real generator + importer) is not in
 * the tree. Deterministic from the seed; realistic enough for the students screen: eight K-12
 * schools, names with accents and apostrophes, several home languages.
 */
export const SEED_SCHOOLS = [
  { id: 'sch-el-alder', name: 'Alder Creek Elementary', grades: ['KG', '01', '02', '03', '04', '05'] },
  { id: 'sch-el-birch', name: 'Birchwood Elementary', grades: ['KG', '01', '02', '03', '04', '05'] },
  { id: 'sch-el-cedar', name: 'Cedar Hills Elementary', grades: ['KG', '01', '02', '03', '04', '05'] },
  { id: 'sch-el-dogwood', name: 'Dogwood Elementary', grades: ['KG', '01', '02', '03', '04', '05'] },
  { id: 'sch-ms-evergreen', name: 'Evergreen Middle School', grades: ['06', '07', '08'] },
  { id: 'sch-ms-foxglove', name: 'Foxglove Middle School', grades: ['06', '07', '08'] },
  { id: 'sch-hs-granite', name: 'Granite Ridge High School', grades: ['09', '10', '11', '12'] },
  { id: 'sch-hs-harbor', name: 'Harbor View High School', grades: ['09', '10', '11', '12'] },
];
const GRADES = ['KG', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];
const FIRST = ['Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Mateo', 'Sofía', 'Elijah', 'Amara', 'Lucas', 'Mia', 'Aiden', 'Isabella', 'Jayden', 'Zoe', 'Santiago', 'Chloe', 'Ethan', 'Nia', 'Benjamin', 'Layla', 'Carlos', 'Grace', 'Omar', 'Hannah', 'Kai', 'Aaliyah', 'Diego', 'Lily', 'Hiroshi', 'Fatima', 'Samuel', 'Priya', 'Wyatt', 'Camila', 'Dmitri', 'Ximena', 'Jamal', 'Mei', 'Owen', 'Valentina', 'Ahmed', 'Nora', 'Luis', 'Hawa', 'Caleb', 'Linh', 'Isaac', 'Renée', 'Tariq'];
const LAST = ['Smith', 'Johnson', 'García', 'Nguyen', 'Williams', 'Brown', 'Martinez', 'Jones', 'Hernández', 'Davis', 'Lopez', 'Wilson', 'Anderson', 'Thomas', "O'Brien", 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Pérez', 'Thompson', 'White', 'Harris', 'Sánchez', 'Clark', 'Ramírez', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts', 'Tran', 'Phillips', 'Evans', 'Turner', 'Diaz', 'Parker', 'Cruz', 'Edwards', 'Collins', 'Reyes', 'Stewart', 'Morris', 'Murphy', 'Cook', 'Rogers', 'Abdi', 'Morgan', 'Peterson', 'Cooper', 'Reed', 'Bailey', 'Bell', 'Gomez', 'Kelly', 'Howard', 'Ward', 'Cox', 'Kim', 'Park-Lee', 'Hassan', 'Ivanova', 'Zhang'];
const LANGUAGES: [string, number][] = [['English', 0.75], ['Spanish', 0.15], ['Vietnamese', 0.03], ['Arabic', 0.02], ['Somali', 0.02], ['Mandarin', 0.02], ['Russian', 0.01]];

/** mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seedDemoSql(opts: { path: string; key: Buffer; students: number; seed: number }): void {
  const rnd = prng(opts.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const language = () => {
    let r = rnd();
    for (const [name, p] of LANGUAGES) if ((r -= p) < 0) return name;
    return 'English';
  };
  const at = '2026-09-01T06:00:00.000Z';
  const db = openStore({ path: opts.path, key: opts.key, mode: 'district', create: true });
  try {
    db.transaction(() => {
      db.prepare(`INSERT INTO orgs (id, name, type, identifier) VALUES ('dist-maple', 'Maple Valley Unified School District', 'district', '0612345')`).run();
      const org = db.prepare(`INSERT INTO orgs (id, name, type, identifier, parent_id) VALUES (?, ?, 'school', ?, 'dist-maple')`);
      SEED_SCHOOLS.forEach((s, i) => org.run(s.id, s.name, String(100 + i)));
      const student = db.prepare(`INSERT INTO students (id, local_id, state_id, first_name, last_name, birth_date, gender, home_language, grade, school_id, entry_date, updated_at)
        VALUES (@id, @localId, @stateId, @first, @last, @birth, @gender, @language, @grade, @school, '2026-08-20', @at)`);
      const guardian = db.prepare(`INSERT INTO guardians (id, first_name, last_name, updated_at) VALUES (?, ?, ?, ?)`);
      const link = db.prepare(`INSERT INTO student_guardians (student_id, guardian_id, relationship, is_primary) VALUES (?, ?, 'parent', 1)`);
      for (let n = 1; n <= opts.students; n++) {
        const gradeIndex = Math.floor(rnd() * GRADES.length);
        const grade = GRADES[gradeIndex] as string;
        const school = pick(SEED_SCHOOLS.filter((s) => s.grades.includes(grade)));
        const last = pick(LAST);
        const birthYear = 2026 - 6 - gradeIndex + (rnd() < 0.67 ? 1 : 0);
        const dayOfYear = Math.floor(rnd() * 365);
        const birth = new Date(Date.UTC(birthYear, 0, 1 + dayOfYear)).toISOString().slice(0, 10);
        const id = `stu-${String(n).padStart(6, '0')}`;
        student.run({ id, localId: String(100000 + n), stateId: `CA${String(7_000_000 + n * 7)}`, first: pick(FIRST), last, birth, gender: rnd() < 0.5 ? 'F' : 'M', language: language(), grade, school: school.id, at });
        guardian.run(`gua-${n}`, pick(FIRST), last, at);
        link.run(id, `gua-${n}`);
      }
      db.prepare(`INSERT INTO import_runs (id, started_at, finished_at, source, preset, counts) VALUES ('run-seed', ?, ?, 'e2e seed', 'sql', ?)`).run(at, at, JSON.stringify({ students: opts.students }));
    })();
  } finally {
    db.close();
  }
}
