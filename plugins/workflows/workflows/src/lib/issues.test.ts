import type { WorkflowIssue } from '@ai-ops/plugin-workflows-common';
import { issuesByStep, mergeIssues } from './issues';

const issue = (code: string, stepId?: string): WorkflowIssue => ({
  severity: 'error',
  code,
  path: `spec.steps[0].${code}`,
  stepId,
  message: `${code} message`,
});

describe('issues', () => {
  const local = [issue('schema', 'a')];
  const remote = [
    issue('schema', 'a'),
    issue('cycle', 'a'),
    issue('missing-input', 'b'),
  ];

  it('adds every server issue for the current document, without duplicates', () => {
    expect(mergeIssues(local, remote, true).map(i => i.code)).toEqual([
      'schema',
      'cycle',
      'missing-input',
    ]);
  });

  it('keeps only registry checks from an older answer', () => {
    expect(mergeIssues(local, remote, false).map(i => i.code)).toEqual([
      'schema',
      'missing-input',
    ]);
    expect(mergeIssues(local, undefined, false)).toEqual(local);
  });

  it('groups issues by step', () => {
    const grouped = issuesByStep([...remote, issue('output')]);
    expect([...grouped.keys()]).toEqual(['a', 'b']);
    expect(grouped.get('a')).toHaveLength(2);
  });
});
