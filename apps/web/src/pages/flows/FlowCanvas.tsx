import type { FlowDefinition, FlowNodeType, Locale } from '@lowcode/app-model';
import {
  BranchesOutlined,
  CheckSquareOutlined,
  ClockCircleOutlined,
  ForkOutlined,
  PartitionOutlined,
  PlayCircleOutlined,
  StopOutlined,
  ThunderboltOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { Problem } from '@lowcode/flow-engine';
import {
  Background,
  Controls,
  Handle,
  MarkerType,
  MiniMap,
  Position,
  ReactFlow,
  useReactFlow,
  type EdgeChange,
  type NodeChange,
  type NodeProps,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { Tooltip, Typography } from 'antd';
import { useMemo, useState, type DragEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { localize } from '../../hooks/useLocale';
import {
  addNode,
  connect,
  edgeRoutes,
  moveNode,
  removeEdges,
  removeNodes,
  openingNodes,
  toCanvas,
  type DesignerNode,
  type Selection,
} from './flowModel';

export const NODE_ICONS: { [T in FlowNodeType]: ReactNode } = {
  start: <PlayCircleOutlined />,
  end: <StopOutlined />,
  userTask: <UserOutlined />,
  approval: <CheckSquareOutlined />,
  exclusiveGateway: <BranchesOutlined />,
  parallelGateway: <PartitionOutlined />,
  inclusiveGateway: <ForkOutlined />,
  action: <ThunderboltOutlined />,
  timer: <ClockCircleOutlined />,
};
const NODE_COLORS: { [T in FlowNodeType]: string } = {
  start: '#52c41a',
  end: '#8c8c8c',
  userTask: '#1677ff',
  approval: '#722ed1',
  exclusiveGateway: '#fa8c16',
  parallelGateway: '#fa8c16',
  inclusiveGateway: '#fa8c16',
  action: '#13c2c2',
  timer: '#eb2f96',
};
export const PALETTE: FlowNodeType[] = [
  'start',
  'userTask',
  'approval',
  'exclusiveGateway',
  'parallelGateway',
  'inclusiveGateway',
  'action',
  'timer',
  'end',
];
const DRAG_TYPE = 'application/x-lowcode-flow-node';

function FlowNodeView({ data, selected }: NodeProps<DesignerNode>) {
  const { node, problems, locale } = data as DesignerNode['data'] & { locale: Locale };
  const { t } = useTranslation();
  const errors = problems.filter((problem) => problem.severity === 'error');
  const color = NODE_COLORS[node.type];
  const gateway = node.type.endsWith('Gateway');
  const border =
    errors.length > 0 ? '#ff4d4f' : problems.length > 0 ? '#faad14' : selected ? '#1677ff' : '#d9d9d9';
  const body = (
    <div
      data-testid={`flow-node-${node.key}`}
      data-problems={errors.length}
      className={errors.length > 0 ? 'flow-node flow-node-error' : 'flow-node'}
      style={{
        minWidth: gateway ? 120 : 150,
        padding: '8px 12px',
        background: '#fff',
        border: `2px solid ${border}`,
        borderLeft: `6px solid ${color}`,
        borderRadius: node.type === 'start' || node.type === 'end' ? 24 : 8,
        boxShadow: selected ? '0 0 0 3px rgba(22,119,255,0.2)' : '0 1px 3px rgba(0,0,0,0.08)',
        fontSize: 13,
      }}
    >
      {node.type !== 'start' ? <Handle type="target" position={Position.Left} /> : null}
      <div style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
        <span style={{ color }}>{NODE_ICONS[node.type]}</span>
        <Typography.Text strong ellipsis style={{ maxWidth: 160 }}>
          {localize(node.label, locale) || node.key}
        </Typography.Text>
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 11 }}>
        {t(`flows.nodeTypes.${node.type}`)}
      </Typography.Text>
      {node.type !== 'end' ? <Handle type="source" position={Position.Right} /> : null}
    </div>
  );
  return problems.length > 0 ? (
    <Tooltip title={problems.map((problem) => problem.message[locale]).join('\n')}>{body}</Tooltip>
  ) : (
    body
  );
}
const NODE_TYPES = { flowNode: FlowNodeView };

/** The palette: each node type is dragged onto the canvas (xyflow's drag-and-drop pattern), or clicked to add. */
export function FlowPalette({ onAdd }: { onAdd(type: FlowNodeType): void }) {
  const { t } = useTranslation();
  return (
    <div data-testid="flow-palette" style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
      {PALETTE.map((type) => (
        <div
          key={type}
          draggable
          data-testid={`flow-palette-${type}`}
          onDragStart={(event: DragEvent) => {
            event.dataTransfer.setData(DRAG_TYPE, type);
            event.dataTransfer.effectAllowed = 'move';
          }}
          onDoubleClick={() => onAdd(type)}
          style={{
            display: 'flex',
            alignItems: 'center',
            gap: 8,
            padding: '6px 10px',
            border: '1px solid #d9d9d9',
            borderLeft: `4px solid ${NODE_COLORS[type]}`,
            borderRadius: 6,
            background: '#fff',
            cursor: 'grab',
            userSelect: 'none',
          }}
        >
          <span style={{ color: NODE_COLORS[type] }}>{NODE_ICONS[type]}</span>
          {t(`flows.nodeTypes.${type}`)}
        </div>
      ))}
    </div>
  );
}

/** The graph: derived from the flow on every render; every change goes back through the model's functions. */
export function FlowCanvas(props: {
  flow: FlowDefinition;
  problems: Problem[];
  selection: Selection | null;
  locale: Locale;
  onChange(flow: FlowDefinition): void;
  onSelect(selection: Selection | null): void;
}) {
  const { flow, problems, selection, locale, onChange, onSelect } = props;
  const { t } = useTranslation();
  const { screenToFlowPosition } = useReactFlow();
  // The sizes React Flow measured: a controlled canvas hands them back on every render, or the minimap,
  // which draws nodes by their measured size, stays empty.
  const [measured, setMeasured] = useState<Record<string, { width: number; height: number }>>({});
  const canvas = useMemo(() => {
    const { nodes, edges } = toCanvas(flow, problems, selection);
    return {
      nodes: nodes.map((node) => ({
        ...node,
        data: { ...node.data, locale },
        ...(measured[node.id] ? { measured: measured[node.id] } : {}),
      })),
      edges: edges.map((edge) => {
        const data = edge.data!;
        const routed = edgeRoutes(flow, data.edge);
        const label = data.edge.default
          ? t('flows.edge.defaultLabel')
          : data.edge.condition !== undefined
            ? localize(data.edge.label, locale) || t('flows.edge.conditionLabel')
            : localize(data.edge.label, locale);
        const bad = data.problems.some((problem) => problem.severity === 'error');
        return {
          ...edge,
          label: label || undefined,
          markerEnd: { type: MarkerType.ArrowClosed },
          style: {
            stroke: bad ? '#ff4d4f' : routed && data.edge.default ? '#8c8c8c' : '#1677ff',
            strokeWidth: 2,
          },
          animated: routed && data.edge.condition !== undefined,
        };
      }),
    };
  }, [flow, problems, selection, locale, t, measured]);

  // Read once: the view opens on the flow as loaded, and stays where the builder takes it.
  const [fitViewOptions] = useState(() => ({
    padding: 0.15,
    maxZoom: 1.1,
    minZoom: 0.1,
    nodes: openingNodes(canvas.nodes),
  }));

  const onNodesChange = (changes: NodeChange<DesignerNode>[]) => {
    const sized = changes.flatMap((change) =>
      change.type === 'dimensions' && change.dimensions ? [[change.id, change.dimensions] as const] : [],
    );
    if (sized.length > 0) setMeasured((current) => ({ ...current, ...Object.fromEntries(sized) }));
    let next = flow;
    for (const change of changes) {
      if (change.type === 'position' && change.position) next = moveNode(next, change.id, change.position);
      if (change.type === 'remove') next = removeNodes(next, [change.id]);
      if (change.type === 'select' && change.selected) onSelect({ kind: 'node', key: change.id });
    }
    if (next !== flow) onChange(next);
  };
  const onEdgesChange = (changes: EdgeChange[]) => {
    let next = flow;
    for (const change of changes) {
      if (change.type === 'remove') next = removeEdges(next, [change.id]);
      if (change.type === 'select' && change.selected) onSelect({ kind: 'edge', key: change.id });
    }
    if (next !== flow) onChange(next);
  };

  return (
    <div
      style={{ width: '100%', height: '100%' }}
      data-testid="flow-canvas"
      onDragOver={(event) => {
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
      }}
      onDrop={(event) => {
        event.preventDefault();
        const type = event.dataTransfer.getData(DRAG_TYPE) as FlowNodeType;
        if (!PALETTE.includes(type)) return;
        const next = addNode(
          flow,
          type,
          screenToFlowPosition({ x: event.clientX - 75, y: event.clientY - 20 }),
        );
        onChange(next);
        onSelect({ kind: 'node', key: next.nodes.at(-1)!.key });
      }}
    >
      <ReactFlow
        nodes={canvas.nodes}
        edges={canvas.edges}
        nodeTypes={NODE_TYPES}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={(connection) => {
          const next = connect(flow, connection.source, connection.target);
          if (next === flow) return;
          onChange(next);
          onSelect({ kind: 'edge', key: next.edges.at(-1)!.key });
        }}
        onPaneClick={() => onSelect(null)}
        deleteKeyCode={['Delete', 'Backspace']}
        fitView
        // Zooming out over a long flow goes further than React Flow's 0.5; it opens on the flow's beginning.
        minZoom={0.1}
        fitViewOptions={fitViewOptions}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={16} />
        <Controls />
        <MiniMap
          pannable
          zoomable
          style={{ width: 160, height: 100 }}
          nodeColor={(node) => NODE_COLORS[(node as DesignerNode).data.node.type]}
          nodeBorderRadius={4}
        />
      </ReactFlow>
    </div>
  );
}
