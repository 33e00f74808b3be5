// The baseline of `npm run bench:canvas`: React Flow with its default nodes and edges, nothing else. It
// shows the boxes the benchmark hands it (window.__BARE_FLOW, set before the page loads: the same
// positions and sizes the app draws for the same design, as flat nodes) in a pane the size of the app's
// canvas, fitted the way the app fits a design it opens.
import '@xyflow/react/dist/style.css';
import { ReactFlow } from '@xyflow/react';
import type { Edge, Node } from '@xyflow/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { BareFlow } from '../bare-flow';

declare global {
  interface Window {
    __BARE_FLOW?: BareFlow;
  }
}

const flow: BareFlow = window.__BARE_FLOW ?? { nodes: [], edges: [], pane: { width: 800, height: 600 } };

const nodes: Node[] = flow.nodes.map((box) => ({
  id: box.id,
  position: { x: box.x, y: box.y },
  data: { label: box.id },
  style: { width: box.width, height: box.height },
}));
const edges: Edge[] = flow.edges.map((edge) => ({ id: edge.id, source: edge.source, target: edge.target }));

function Bare() {
  return (
    <div style={{ width: flow.pane.width, height: flow.pane.height }}>
      <ReactFlow
        defaultNodes={nodes}
        defaultEdges={edges}
        fitView
        fitViewOptions={{ padding: 0.08, maxZoom: 1 }}
        minZoom={0.05}
        maxZoom={2.5}
      />
    </div>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Bare />
  </StrictMode>,
);
