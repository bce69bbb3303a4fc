import { DragEvent, useCallback, useEffect, useMemo, useState } from 'react';
import {
  applyEdgeChanges,
  applyNodeChanges,
  Background,
  Controls,
  ReactFlow,
  useReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type IsValidConnection,
  type NodeChange,
  type OnDelete,
  type OnNodeDrag,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type {
  WorkflowDocument,
  WorkflowIssue,
} from '@ai-ops/plugin-workflows-common';
import { buildEdges, buildNodes, type StepNode } from '../../lib/flow';
import { layoutSteps } from '../../lib/layout';
import {
  wouldCreateCycle,
  type WorkflowAction,
  type XYPosition,
} from '../../lib/model';
import {
  parseStepTemplate,
  STEP_TEMPLATE_MIME,
  type StepTemplate,
} from '../../lib/stepTemplates';
import { StepNodeView } from './StepNodeView';

const nodeTypes = { step: StepNodeView };
const FIT_OPTIONS = { maxZoom: 1, padding: 0.2 };

/** Props of {@link GraphCanvas}. */
export interface GraphCanvasProps {
  document: WorkflowDocument;
  dispatch(action: WorkflowAction): void;
  issues: Map<string, WorkflowIssue[]>;
  selectedId?: string;
  onSelect(id: string | undefined): void;
  /** Adds a step from a palette entry dropped at a point of the graph. */
  onDropTemplate(template: StepTemplate, position: XYPosition): void;
  readOnly: boolean;
  /** Changes when the view should fit all steps again (a step was added). */
  fitRequest: number;
}

/**
 * The graph of a workflow: steps as nodes, `needs` as solid edges from the
 * needed step, jumps (onError, onTimeout, onReject) dashed. Connecting two
 * nodes adds a need, deleting an edge or node removes it, moving a node
 * stores its position, and palette entries may be dropped onto it.
 */
export const GraphCanvas = (props: GraphCanvasProps) => {
  const {
    document: doc,
    dispatch,
    issues,
    selectedId,
    onSelect,
    readOnly,
  } = props;
  const { screenToFlowPosition, fitView } = useReactFlow();

  const positions = useMemo(
    () => layoutSteps(doc.spec.steps),
    [doc.spec.steps],
  );
  const builtNodes = useMemo(
    () =>
      buildNodes({
        steps: doc.spec.steps,
        positions,
        issues,
        selectedId,
        readOnly,
      }),
    [doc.spec.steps, positions, issues, selectedId, readOnly],
  );
  const builtEdges = useMemo(() => buildEdges(doc, readOnly), [doc, readOnly]);

  // React Flow keeps measurements and drag state on the node objects, so the
  // nodes live in state and are rebuilt from the document when it changes.
  const [nodes, setNodes] = useState<StepNode[]>(builtNodes);
  const [edges, setEdges] = useState<Edge[]>(builtEdges);
  useEffect(() => {
    setNodes(current => {
      const previous = new Map(current.map(n => [n.id, n]));
      return builtNodes.map(n => {
        const old = previous.get(n.id);
        if (!old) return n;
        // A node being dragged keeps where the pointer has taken it.
        const position = old.dragging ? old.position : n.position;
        return {
          ...n,
          position,
          dragging: old.dragging,
          measured: old.measured,
        };
      });
    });
  }, [builtNodes]);
  useEffect(() => {
    setEdges(current => {
      const selected = new Set(current.filter(e => e.selected).map(e => e.id));
      return builtEdges.map(e =>
        selected.has(e.id) ? { ...e, selected: true } : e,
      );
    });
  }, [builtEdges]);

  // React Flow queues the fit until the new node is measured.
  useEffect(() => {
    if (props.fitRequest > 0) fitView(FIT_OPTIONS);
  }, [props.fitRequest, fitView]);

  // Selection has one source, the editor's selected step: React Flow's
  // select changes are passed on to it instead of applied here.
  const onNodesChange = useCallback(
    (changes: NodeChange<StepNode>[]) => {
      const selects = changes.filter(c => c.type === 'select');
      const chosen = selects.filter(c => c.selected).map(c => c.id);
      if (chosen.length > 0) onSelect(chosen[chosen.length - 1]);
      else if (selects.some(c => c.id === selectedId)) onSelect(undefined);
      const rest = changes.filter(c => c.type !== 'select');
      if (rest.length) setNodes(current => applyNodeChanges(rest, current));
    },
    [onSelect, selectedId],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) =>
      setEdges(current => applyEdgeChanges(changes, current)),
    [],
  );
  const onNodeDragStop: OnNodeDrag<StepNode> = useCallback(
    (_event, _node, dragged) =>
      dispatch({
        type: 'moveSteps',
        positions: Object.fromEntries(dragged.map(n => [n.id, n.position])),
      }),
    [dispatch],
  );
  const onConnect = useCallback(
    (connection: Connection) =>
      dispatch({
        type: 'connect',
        source: connection.source,
        target: connection.target,
      }),
    [dispatch],
  );
  const isValidConnection: IsValidConnection = useCallback(
    connection =>
      connection.source !== connection.target &&
      !doc.spec.steps
        .find(s => s.id === connection.target)
        ?.needs?.includes(connection.source) &&
      !wouldCreateCycle(doc, connection.source, connection.target),
    [doc],
  );
  const onDelete: OnDelete<StepNode, Edge> = useCallback(
    ({ nodes: deletedNodes, edges: deletedEdges }) => {
      const removed = new Set(deletedNodes.map(n => n.id));
      if (removed.size) dispatch({ type: 'removeSteps', ids: [...removed] });
      for (const edge of deletedEdges) {
        if (!edge.id.startsWith('needs:')) continue;
        if (removed.has(edge.source) || removed.has(edge.target)) continue;
        dispatch({
          type: 'disconnect',
          source: edge.source,
          target: edge.target,
        });
      }
    },
    [dispatch],
  );

  const onDragOver = (event: DragEvent) => {
    if (readOnly || !event.dataTransfer.types.includes(STEP_TEMPLATE_MIME)) {
      return;
    }
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  };
  const onDrop = (event: DragEvent) => {
    const template = parseStepTemplate(
      event.dataTransfer.getData(STEP_TEMPLATE_MIME),
    );
    if (readOnly || !template) return;
    event.preventDefault();
    props.onDropTemplate(
      template,
      screenToFlowPosition({ x: event.clientX, y: event.clientY }),
    );
  };

  return (
    <div
      style={{ width: '100%', height: '100%' }}
      onDragOver={onDragOver}
      onDrop={onDrop}
      data-testid="workflow-graph"
    >
      <ReactFlow<StepNode, Edge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStop={onNodeDragStop}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        onDelete={onDelete}
        onPaneClick={() => onSelect(undefined)}
        multiSelectionKeyCode={null}
        selectionKeyCode={null}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        deleteKeyCode={readOnly ? null : ['Backspace', 'Delete']}
        fitView
        fitViewOptions={FIT_OPTIONS}
        minZoom={0.2}
        proOptions={{ hideAttribution: true }}
        aria-label="Workflow graph"
      >
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
};
