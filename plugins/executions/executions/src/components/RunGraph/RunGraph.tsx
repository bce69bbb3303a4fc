import { useMemo } from 'react';
import {
  Background,
  Controls,
  MarkerType,
  ReactFlow,
  ReactFlowProvider,
  type Edge,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { DefinitionStep } from '../../lib/definition';
import { RunStepNode, type RunStepNodeType } from './RunStepNode';

const nodeTypes = { step: RunStepNode };
const FIT_OPTIONS = { maxZoom: 1, padding: 0.2 };

/**
 * The run's workflow version as a graph in the editor's layout: steps at
 * their stored positions, `needs` as edges. Nodes and edges are built once
 * per definition; each node follows its own step in the run store.
 */
export const RunGraph = (props: {
  steps: DefinitionStep[];
  onSelect(stepId: string): void;
}) => {
  const { steps, onSelect } = props;
  const nodes = useMemo<RunStepNodeType[]>(
    () =>
      steps.map(step => ({
        id: step.id,
        type: 'step',
        position: step.position,
        data: { step },
        draggable: false,
        connectable: false,
      })),
    [steps],
  );
  const edges = useMemo<Edge[]>(() => {
    const ids = new Set(steps.map(s => s.id));
    return steps.flatMap(step =>
      step.needs
        .filter(need => ids.has(need))
        .map(need => ({
          id: `needs:${need}->${step.id}`,
          source: need,
          target: step.id,
          markerEnd: { type: MarkerType.ArrowClosed },
        })),
    );
  }, [steps]);
  return (
    <div style={{ width: '100%', height: 420 }} data-testid="run-graph">
      <ReactFlowProvider>
        <ReactFlow<RunStepNodeType, Edge>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          onNodeClick={(_event, node) => onSelect(node.id)}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          fitView
          fitViewOptions={FIT_OPTIONS}
          minZoom={0.1}
          proOptions={{ hideAttribution: true }}
          aria-label="Run graph"
        >
          <Background />
          <Controls showInteractive={false} />
        </ReactFlow>
      </ReactFlowProvider>
    </div>
  );
};
