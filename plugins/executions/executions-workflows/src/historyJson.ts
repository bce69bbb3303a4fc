/*
 * Test tooling (not part of the workflow bundle nor the package's API):
 * converts workflow histories to and from the JSON format of Temporal's
 * history files (proto3 JSON, as `temporal workflow show --output json`
 * writes them) for the replay fixtures in __fixtures__/histories/.
 *
 * `historyToJSON`/`historyFromJSON` of @temporalio/common would do this, but
 * in this install @temporalio/common and @temporalio/proto each have their
 * own copy of protobufjs, and its protojson refuses the other copy's types
 * ("type must be a Type"). So this uses the protojson of the copy that
 * @temporalio/proto's types come from.
 */
import { dirname } from 'node:path';

type History = { events?: unknown[] | null };

const commonDir = dirname(require.resolve('@temporalio/common/package.json'));
const protoEntry = require.resolve('@temporalio/proto', { paths: [commonDir] });
const protoDir = dirname(
  require.resolve('@temporalio/proto/package.json', { paths: [commonDir] }),
);
/* eslint-disable @typescript-eslint/no-require-imports */
const proto = require(protoEntry);
const { patchProtobufRoot } = require(require.resolve(
  '@temporalio/proto/lib/patch-protobuf-root',
  {
    paths: [commonDir],
  },
));
const protojson = require(require.resolve('protobufjs/ext/protojson', {
  paths: [protoDir],
}));
/* eslint-enable @typescript-eslint/no-require-imports */

const historyType = patchProtobufRoot(proto).lookupType(
  'temporal.api.history.v1.History',
);

/** A history (as `fetchHistory()` returns it) as proto3 JSON. */
export function historyToJSON(history: History): unknown {
  return protojson.toJson(
    historyType,
    proto.temporal.api.history.v1.History.fromObject(history),
  );
}

/** A history file's content back as a history `Worker.runReplayHistories` takes. */
export function historyFromJSON(json: unknown): History {
  const history = protojson.fromJson(historyType, json, {
    ignoreUnknownFields: true,
  });
  if (!history) throw new TypeError('Not a workflow history');
  return history;
}
