import type { Database } from '../../db/sql';

/**
 * Recomputes student_metrics for every student in SQL (one pass per source table, joined on the
 * student): previews over 500,000 students read these instead of aggregating on every page.
 * Rules as the field catalog states them:
 * - attendance rate: days present / days enrolled, percent, one decimal
 * - chronic absence: absent on 10% or more of enrolled days
 * - GPA: credit-weighted mean of grade points (rows without points are left out), two decimals
 * - latest grades: the latest term (terms sort as text: "2025-26 S1" < "2025-26 S2"), COURSE:LETTER;...
 * - reading/math level and score: the latest assessment of that subject (SQLite returns the bare
 *   columns of the row holding max(test_date))
 * - survey: the latest survey's answers, "question: response; ..."
 */
export function recomputeMetrics(db: Database): number {
  db.prepare('DELETE FROM student_metrics').run();
  return db.prepare(`
    INSERT INTO student_metrics (student_id, days_enrolled, days_absent, attendance_rate, chronic_absence, gpa, latest_grades,
      incident_count, reading_level, reading_score, math_level, math_score, activities, survey_wellbeing)
    SELECT s.id, a.enrolled, a.absent,
      CASE WHEN a.enrolled > 0 THEN round(100.0 * a.present / a.enrolled, 1) END,
      CASE WHEN a.enrolled > 0 THEN (a.absent * 10 >= a.enrolled) END,
      g.gpa, lg.grades, coalesce(d.n, 0), r.level, r.score, m.level, m.score, act.list, sv.answers
    FROM students s
    LEFT JOIN (SELECT student_id, sum(days_enrolled) AS enrolled, sum(days_present) AS present,
                      sum(days_absent_excused + days_absent_unexcused) AS absent
                 FROM attendance_periods GROUP BY student_id) a ON a.student_id = s.id
    LEFT JOIN (SELECT student_id, round(sum(grade_points * credits) / nullif(sum(CASE WHEN grade_points IS NOT NULL THEN credits END), 0), 2) AS gpa
                 FROM course_grades GROUP BY student_id) g ON g.student_id = s.id
    LEFT JOIN (SELECT cg.student_id, group_concat(cg.course_code || ':' || cg.letter_grade, ';' ORDER BY cg.course_code) AS grades
                 FROM course_grades cg
                 JOIN (SELECT student_id, max(term) AS term FROM course_grades GROUP BY student_id) t
                   ON t.student_id = cg.student_id AND t.term = cg.term
                GROUP BY cg.student_id) lg ON lg.student_id = s.id
    LEFT JOIN (SELECT student_id, count(*) AS n FROM discipline_incidents GROUP BY student_id) d ON d.student_id = s.id
    LEFT JOIN (SELECT student_id, max(test_date), performance_level AS level, scale_score AS score
                 FROM assessments WHERE subject = 'reading' GROUP BY student_id) r ON r.student_id = s.id
    LEFT JOIN (SELECT student_id, max(test_date), performance_level AS level, scale_score AS score
                 FROM assessments WHERE subject = 'math' GROUP BY student_id) m ON m.student_id = s.id
    LEFT JOIN (SELECT student_id, group_concat(activity, '; ' ORDER BY activity) AS list FROM student_activities GROUP BY student_id) act ON act.student_id = s.id
    LEFT JOIN (SELECT sr.student_id, group_concat(sr.question || ': ' || sr.response, '; ' ORDER BY sr.question) AS answers
                 FROM survey_responses sr
                 JOIN (SELECT student_id, max(survey) AS survey FROM survey_responses GROUP BY student_id) ls
                   ON ls.student_id = sr.student_id AND ls.survey = sr.survey
                GROUP BY sr.student_id) sv ON sv.student_id = s.id
  `).run().changes;
}
