const { builtinModules } = require('node:module');

/*
 * Workflow code runs in Temporal's deterministic sandbox: it may not use
 * Node's APIs, the activity, worker or client SDKs, nor import activities
 * other than as types (they run through proxyActivities).
 */
const workflowFiles = [
  'src/workflow.ts',
  'src/definitions.ts',
  'src/plan.ts',
  'src/contract.ts',
  'src/scheduledTrigger.ts',
];

const sandboxMessage =
  'Workflow code runs in the deterministic sandbox: no Node APIs here (put Node code in activities or bundle.ts).';

module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  ignorePatterns: ['dist-bundle/**'],
  overrides: [
    {
      files: workflowFiles,
      rules: {
        '@typescript-eslint/consistent-type-imports': [
          'error',
          { prefer: 'type-imports', fixStyle: 'separate-type-imports' },
        ],
        '@typescript-eslint/no-restricted-imports': [
          'error',
          {
            paths: [
              ...builtinModules
                .filter(name => !name.startsWith('_'))
                .map(name => ({ name, message: sandboxMessage })),
              {
                name: '@temporalio/activity',
                message: 'Activity APIs are not available in workflow code.',
              },
              {
                name: '@temporalio/worker',
                message: 'The worker SDK is Node code: not in workflow code.',
              },
              {
                name: '@temporalio/client',
                message: 'The client SDK is Node code: not in workflow code.',
              },
              {
                name: '@ai-ops/plugin-executions-node',
                message:
                  'Activities are imported as types only and called through proxyActivities.',
                allowTypeImports: true,
              },
            ],
            patterns: [
              { group: ['node:*'], message: sandboxMessage },
              {
                group: ['./bundle', './index'],
                message: 'bundle.ts and index.ts are Node code.',
              },
            ],
          },
        ],
      },
    },
  ],
});
