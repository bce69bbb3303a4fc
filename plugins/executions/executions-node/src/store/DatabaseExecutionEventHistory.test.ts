import crypto from 'node:crypto';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  EXECUTION_EVENT_SOURCE,
  ExecutionEvent,
} from '@ai-ops/plugin-executions-common';
import { DatabaseExecutionEventHistory } from './DatabaseExecutionEventHistory';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const event = (subject: string, sequence: number): ExecutionEvent => ({
  specversion: '1.0',
  id: crypto.randomUUID(),
  type: 'ai-ops.execution.started.v1',
  source: EXECUTION_EVENT_SOURCE,
  time: '2026-11-25T10:00:00.000Z',
  subject,
  sequence,
  datacontenttype: 'application/json',
  dataschemaversion: 1,
  data: {
    workflowRef: 'aiworkflow:default/history',
    workflowVersion: 1,
    owner: 'group:default/team-a',
    status: 'running',
  },
});

describe.each(databases.eachSupportedId())(
  'DatabaseExecutionEventHistory on %p',
  databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      return DatabaseExecutionEventHistory.create({
        database: mockServices.database({ knex }),
      });
    }

    it('stores each event once, by id and by (run, sequence)', async () => {
      const history = await setup();
      const first = event('run-1', 1);
      expect(await history.append(first)).toBe(true);
      expect(await history.append(first)).toBe(false);
      expect(await history.append(event('run-1', 1))).toBe(false);
      expect(await history.append(event('run-2', 1))).toBe(true);
      const page = await history.list('run-1', { limit: 10 });
      expect(page).toEqual({ items: [first], nextAfter: undefined });
    });

    it('stores a batch in one write, each event once, and names what it stored', async () => {
      const history = await setup();
      const stored = event('run-b', 1);
      expect(await history.append(stored)).toBe(true);
      const batch = [
        stored,
        event('run-b', 1),
        event('run-b', 2),
        event('run-c', 1),
      ];
      expect([...(await history.appendMany(batch))].sort()).toEqual(
        [batch[2].id, batch[3].id].sort(),
      );
      expect(await history.appendMany([])).toEqual(new Set());
      const page = await history.list('run-b', { limit: 10 });
      expect(page.items).toEqual([stored, batch[2]]);
    });

    it('pages by sequence', async () => {
      const history = await setup();
      const events = [3, 1, 5, 2, 4].map(s => event('run-p', s));
      for (const e of events) await history.append(e);
      const one = await history.list('run-p', { limit: 2 });
      expect(one.items.map(e => e.sequence)).toEqual([1, 2]);
      expect(one.nextAfter).toBe(2);
      const two = await history.list('run-p', { after: 2, limit: 2 });
      expect(two.items.map(e => e.sequence)).toEqual([3, 4]);
      const three = await history.list('run-p', { after: 4, limit: 2 });
      expect(three.items.map(e => e.sequence)).toEqual([5]);
      expect(three.nextAfter).toBeUndefined();
      expect((await history.list('run-none', { limit: 2 })).items).toEqual([]);
    });
  },
);
