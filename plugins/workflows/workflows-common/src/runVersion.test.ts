import { versionForRun } from './runVersion';

describe('versionForRun', () => {
  const workflow = {
    labels: { production: 2, canary: 3 },
    latestVersion: 4,
  };

  it('takes the given version, else the label, else production', () => {
    expect(versionForRun(workflow, { version: 1, label: 'canary' })).toEqual({
      version: 1,
    });
    expect(versionForRun(workflow, { label: 'canary' })).toEqual({
      version: 3,
      label: 'canary',
    });
    expect(versionForRun(workflow)).toEqual({
      version: 2,
      label: 'production',
    });
  });

  it('takes the newest without a production label, and nothing for an unknown label', () => {
    expect(versionForRun({ labels: {}, latestVersion: 4 })).toEqual({
      version: 4,
    });
    expect(versionForRun(workflow, { label: 'nope' })).toBeUndefined();
  });
});
