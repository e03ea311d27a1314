import { describe, expect, it } from 'vitest';
import { controlIdFor, emptyDraft, followsSource, grantControlId, localIssues, toContent, type EditorDraft } from '../../../renderer/src/screens/agreements/editor/draft';
import { slugify } from '../../../renderer/src/screens/sharing/labels';
import { basisRequirements } from '../../../shared/agreement/requirements';

/** The agreement editor's rules as plain functions: what it saves, what it says before the services can check, where "Go to" lands. */
const draft = (over: Partial<EditorDraft> = {}): EditorDraft => ({ ...emptyDraft('ptn-1'), ...over });

describe('agreement editor draft', () => {
  it('saves nothing until a legal basis is chosen: the editor never picks one for the steward', () => {
    expect(toContent(draft(), basisRequirements)).toBeNull();
    expect(localIssues(draft()).map((i) => i.path)).toEqual(['legalBasis']);
    expect(localIssues(draft({ partnerId: '' })).map((i) => i.path)).toEqual(['partnerId', 'legalBasis']);
  });

  it('keeps only the elements the chosen basis requires, so a basis switched back and forth leaves nothing behind in the content hash', () => {
    const d = draft({ legalBasis: 'studies', basisElements: { directControl: true, studyScope: 'Reading outcomes, grades 3-5', destruction: true } });
    expect(toContent(d, basisRequirements)!.basisElements).toEqual({ studyScope: 'Reading outcomes, grades 3-5', destruction: true });
    expect(toContent({ ...d, legalBasis: 'directory' }, basisRequirements)!.basisElements).toEqual({});
  });

  it('sends "Go to" from a completeness issue to the control it is about', () => {
    const d = draft({ roles: [{ id: 'tutor', label: 'Tutor', legitimateInterest: '', fields: [{ field: 'student.birthDate', transform: 'asIs' }] }] });
    expect(controlIdFor('basisElements.directControl', d)).toBe('ed-basisElements-directControl');
    expect(controlIdFor('destroyBy', d)).toBe('ed-destroyBy');
    expect(controlIdFor('scope.programIds[2]', d)).toBe('ed-scope');
    expect(controlIdFor('roles', d)).toBe('ed-add-role');
    expect(controlIdFor('roles[0].legitimateInterest', d)).toBe('ed-role-0-legitimateInterest');
    expect(controlIdFor('roles[0].fields[0].transform', d)).toBe(grantControlId(0, 'student.birthDate', 'transform'));
    expect(controlIdFor('roles[0].fields[0].field', d)).toBe('ed-role-0-grant-student-birthDate');
  });

  it('auto-fills a slug only while the steward has not typed their own', () => {
    expect(slugify('Site coordinator')).toBe('site-coordinator');
    expect(slugify('  Élève / Tutor #2 ')).toBe('eleve-tutor-2');
    expect(followsSource('', 'Tutor', slugify)).toBe(true);
    expect(followsSource('tutor', 'Tutor', slugify)).toBe(true);
    expect(followsSource('reading-tutor', 'Tutor', slugify)).toBe(false);
  });
});
