// The canvas as a projection of the document: geometry (parents, auto-size, zone lane), React Flow nodes
// and edges, and the memoisation that keeps unchanged nodes identical.
import { describe, expect, it } from 'vitest';
import type { Command } from '../../shared/model/commands';
import { executeCommand } from '../../shared/model/commands';
import type { TopologyDocument } from '../../shared/model/schema';
import { emptyDocument } from '../store/app-store';
import { loadTemplate, smallDocument } from '../test-support/documents';
import {
  CONTAINERS,
  WORKLOAD_SIZE,
  ZONE_LANE_TOP,
  computeGeometry,
  containerAt,
  descendantsOf,
  geometryBounds,
} from './geometry';
import { HANDLE_SIZE, createProjector, withLivePositions } from './projection';

const NONE: readonly string[] = [];
const NO_SIZES = {};
/** Projection input as the store gives it: unchanged session values keep their identity. */
const input = (
  doc = smallDocument(),
  extra: Partial<Parameters<ReturnType<typeof createProjector>>[0]> = {},
) => ({
  doc,
  selection: NONE,
  dragging: NONE,
  measured: NO_SIZES,
  ...extra,
});

describe('geometry', () => {
  it('nests elements as the model contains them, parents before children', () => {
    const geometry = computeGeometry(smallDocument());
    const parent = (id: string) => geometry.boxes.get(id)?.parent;
    expect(parent('use1')).toBeUndefined();
    expect(parent('use1-a')).toBe('use1');
    expect(parent('app')).toBe('use1');
    expect(parent('app-general')).toBe('app');
    expect(parent('web')).toBe('app-general');
    expect(parent('stream')).toBe('usw2');
    expect(parent('video')).toBe('stream');
    const index = (id: string) => geometry.order.indexOf(id);
    for (const [id, box] of geometry.boxes) {
      if (box.parent) expect(index(box.parent)).toBeLessThan(index(id));
    }
    expect(descendantsOf(geometry, 'app')).toEqual(new Set(['app-general', 'app-gpu', 'web', 'api', 'ml']));
  });

  it('draws zones as a lane of chips across the top of their region', () => {
    const geometry = computeGeometry(smallDocument());
    const zones = ['use1-a', 'use1-b', 'use1-c'].map((id) => geometry.boxes.get(id)!);
    expect(zones.map((z) => z.y)).toEqual([ZONE_LANE_TOP, ZONE_LANE_TOP, ZONE_LANE_TOP]);
    expect(zones[0]!.x).toBeLessThan(zones[1]!.x);
    expect(zones[1]!.x).toBeLessThan(zones[2]!.x);
  });

  it('sizes containers from their children unless the layout fixes a size', () => {
    const geometry = computeGeometry(smallDocument());
    const pool = geometry.boxes.get('app-general')!;
    const web = geometry.boxes.get('web')!;
    const api = geometry.boxes.get('api')!;
    expect(pool.width).toBeGreaterThanOrEqual(web.x + WORKLOAD_SIZE.width + CONTAINERS.nodePool.pad);
    expect(pool.height).toBeGreaterThanOrEqual(web.y + WORKLOAD_SIZE.height + CONTAINERS.nodePool.pad);
    // Rows without positions stack under the header (in id order) without overlapping.
    expect(api.y).toBe(CONTAINERS.nodePool.header);
    expect(web.y).toBeGreaterThanOrEqual(api.y + api.height);
    const cluster = geometry.boxes.get('app')!;
    for (const id of ['app-general', 'app-gpu']) {
      const box = geometry.boxes.get(id)!;
      expect(box.x + box.width).toBeLessThanOrEqual(cluster.width);
      expect(box.y + box.height).toBeLessThanOrEqual(cluster.height);
    }
    const fixed = computeGeometry(
      smallDocument({ nodes: { app: { x: 30, y: 120, width: 900, height: 700 } } }),
    );
    expect(fixed.boxes.get('app')).toMatchObject({ x: 30, y: 120, width: 900, height: 700 });
  });

  it('computes absolute positions from the chain of parents', () => {
    const doc = smallDocument({ nodes: { use1: { x: 100, y: 50 }, app: { x: 24, y: 96 } } });
    const geometry = computeGeometry(doc);
    const app = geometry.boxes.get('app')!;
    expect([app.absX, app.absY]).toEqual([124, 146]);
    const web = geometry.boxes.get('web')!;
    const pool = geometry.boxes.get('app-general')!;
    expect(web.absX).toBe(pool.absX + web.x);
  });

  it('finds the deepest container under a point, skipping what is dragged', () => {
    const geometry = computeGeometry(smallDocument());
    const web = geometry.boxes.get('web')!;
    const inWeb = { x: web.absX + 5, y: web.absY + 5 };
    expect(containerAt(geometry, inWeb)?.id).toBe('app-general');
    expect(containerAt(geometry, inWeb, new Set(['app-general']))?.id).toBe('app');
    expect(containerAt(geometry, { x: -5000, y: -5000 })).toBeUndefined();
  });

  it('a container does not grow after a child that is being dragged out of it', () => {
    const doc = smallDocument({ nodes: { web: { x: 2000, y: 60 } } });
    const grown = computeGeometry(doc).boxes.get('app-general')!;
    const floating = computeGeometry(doc, ['web']).boxes.get('app-general')!;
    expect(grown.width).toBeGreaterThan(2000);
    expect(floating.width).toBeLessThan(600);
  });

  it('frames every box, and nothing when there is nothing to draw', () => {
    const geometry = computeGeometry(smallDocument());
    const bounds = geometryBounds(geometry)!;
    for (const box of geometry.boxes.values()) {
      expect(box.absX).toBeGreaterThanOrEqual(bounds.x);
      expect(box.absY).toBeGreaterThanOrEqual(bounds.y);
      expect(box.absX + box.width).toBeLessThanOrEqual(bounds.x + bounds.width);
      expect(box.absY + box.height).toBeLessThanOrEqual(bounds.y + bounds.height);
    }
    const edges = (pick: (box: { absX: number; absY: number; width: number; height: number }) => number) =>
      [...geometry.boxes.values()].map(pick);
    expect(Math.min(...edges((b) => b.absX))).toBe(bounds.x);
    expect(Math.max(...edges((b) => b.absY + b.height))).toBe(bounds.y + bounds.height);
    expect(geometryBounds(computeGeometry(emptyDocument()))).toBeUndefined();
  });
});

describe('geometry of an edited document', () => {
  const edit = (doc: TopologyDocument, command: Command) => {
    const result = executeCommand(doc, command);
    if (!result.ok) throw new Error(result.error.message);
    return result.document;
  };
  /** The geometry built afresh, for a document no cache has seen. */
  const fresh = (doc: TopologyDocument) => computeGeometry(structuredClone(doc));

  it('is the same object after an edit of what the canvas does not place', () => {
    const doc = smallDocument();
    const before = computeGeometry(doc);
    const renamed = edit(doc, { type: 'update', id: 'api', changes: { name: 'API gateway' } });
    expect(computeGeometry(renamed)).toBe(before);
    const pool = doc.spec.nodePools.find((p) => p.id === 'app-general')!;
    const resized = edit(renamed, {
      type: 'update',
      id: 'app-general',
      changes: { nodesPerAz: { ...pool.nodesPerAz, max: pool.nodesPerAz.max + 5 } },
    });
    expect(computeGeometry(resized)).toBe(before);
    expect(computeGeometry(resized, ['web'])).not.toBe(before);
  });

  it('is built again when an element moves, changes container, comes or goes', () => {
    const doc = smallDocument();
    const before = computeGeometry(doc);
    const cases = [
      edit(doc, { type: 'layout', entries: { api: { x: 10, y: 120 } } }),
      edit(doc, { type: 'update', id: 'web', changes: { nodePool: 'app-gpu' } }),
      edit(doc, { type: 'delete', ids: ['web'] }),
    ];
    for (const changed of cases) {
      computeGeometry(doc);
      const after = computeGeometry(changed);
      expect(after).not.toBe(before);
      expect(after).toEqual(fresh(changed));
    }
    expect(computeGeometry(cases[1]!).boxes.get('web')!.parent).toBe('app-gpu');
    expect(computeGeometry(cases[2]!).boxes.has('web')).toBe(false);
  });
});

describe('projection', () => {
  it('projects every element as a React Flow node with its parent, and dependencies as edges', () => {
    const project = createProjector();
    const { nodes, edges } = project(input());
    const byId = new Map(nodes.map((n) => [n.id, n]));
    expect(byId.get('use1')).toMatchObject({ type: 'region' });
    expect(byId.get('use1')!.parentId).toBeUndefined();
    expect(byId.get('use1-a')).toMatchObject({ type: 'zone', parentId: 'use1', draggable: false });
    expect(byId.get('app')).toMatchObject({ type: 'cluster', parentId: 'use1', extent: 'parent' });
    expect(byId.get('app-gpu')).toMatchObject({ type: 'nodePool', parentId: 'app' });
    expect(byId.get('ml')).toMatchObject({ type: 'workload', parentId: 'app-gpu' });
    expect(byId.get('video')).toMatchObject({ type: 'workload', parentId: 'stream' });
    // Only the kind travels in data: node views read the element through selectors.
    expect(byId.get('web')!.data).toEqual({ kind: 'workload' });
    expect(edges).toHaveLength(2);
    expect(edges.find((e) => e.id === 'web-to-api')).toMatchObject({
      source: 'web',
      target: 'api',
      className: 'dependency dependency-hard',
    });
    expect(edges.find((e) => e.id === 'api-to-ml')!.className).toBe('dependency dependency-soft');
  });

  it('marks the selection and lifts the container bounds of dragged nodes', () => {
    const project = createProjector();
    const { nodes, edges } = project(
      input(smallDocument(), { selection: ['web', 'api-to-ml'], dragging: ['web'] }),
    );
    const web = nodes.find((n) => n.id === 'web')!;
    expect(web.selected).toBe(true);
    expect(web.extent).toBeUndefined();
    expect(nodes.find((n) => n.id === 'api')!.extent).toBe('parent');
    expect(edges.find((e) => e.id === 'api-to-ml')!.selected).toBe(true);
  });

  it('hands back the same objects when nothing changed, and new ones only for what did', () => {
    const project = createProjector();
    const doc = smallDocument();
    const first = project(input(doc));
    expect(project(input(doc))).toBe(first);
    const moved = executeCommand(doc, { type: 'layout', entries: { api: { x: 10, y: 120 } } });
    if (!moved.ok) throw new Error(moved.error.message);
    const second = project(input(moved.document));
    const same = (id: string) =>
      second.nodes.find((n) => n.id === id) === first.nodes.find((n) => n.id === id);
    expect(same('api')).toBe(false);
    expect(same('video')).toBe(true);
    expect(same('ml')).toBe(true);
    expect(same('use1-a')).toBe(true);
    expect(second.edges[0]).toBe(first.edges[0]);
    expect(second.edges).toBe(first.edges);
  });

  it('keeps the lists themselves when an edit changes no node (React Flow then skips them)', () => {
    const project = createProjector();
    const doc = smallDocument();
    const first = project(input(doc));
    const renamed = executeCommand(doc, { type: 'update', id: 'api', changes: { name: 'API gateway' } });
    if (!renamed.ok) throw new Error(renamed.error.message);
    const second = project(input(renamed.document));
    expect(second).toBe(first);
    const selected = project(input(renamed.document, { selection: ['api'] }));
    expect(selected.edges).toBe(first.edges);
    expect(selected.nodes.find((n) => n.id === 'api')!.selected).toBe(true);
    expect(selected.nodes.find((n) => n.id === 'web')).toBe(first.nodes.find((n) => n.id === 'web'));
  });

  it('draws dragged nodes at their live positions, and nothing else differently', () => {
    const { nodes } = createProjector()(input(smallDocument()));
    expect(withLivePositions(nodes, null)).toBe(nodes);
    const moved = withLivePositions(nodes, new Map([['web', { x: 12, y: 345 }]]));
    expect(moved.find((n) => n.id === 'web')!.position).toEqual({ x: 12, y: 345 });
    for (const [i, node] of nodes.entries()) if (node.id !== 'web') expect(moved[i]).toBe(node);
  });

  it('passes measured sizes back to React Flow', () => {
    const project = createProjector();
    const { nodes } = project(input(smallDocument(), { measured: { web: { width: 252, height: 32 } } }));
    expect(nodes.find((n) => n.id === 'web')!.measured).toEqual({ width: 252, height: 32 });
  });

  it("declares every node's handles where the canvas draws them, and moves them with its size", () => {
    const project = createProjector();
    const { nodes } = project(input(smallDocument()));
    const half = HANDLE_SIZE / 2;
    for (const node of nodes) {
      if (node.type !== 'workload') {
        expect(node.handles, node.id).toEqual([]);
        continue;
      }
      const { width, height } = node.measured as { width: number; height: number };
      expect(node.handles, node.id).toEqual([
        {
          type: 'target',
          position: 'left',
          x: -half,
          y: height / 2 - half,
          width: HANDLE_SIZE,
          height: HANDLE_SIZE,
        },
        {
          type: 'source',
          position: 'right',
          x: width - half,
          y: height / 2 - half,
          width: HANDLE_SIZE,
          height: HANDLE_SIZE,
        },
      ]);
    }
    const resized = project(input(smallDocument(), { measured: { web: { width: 300, height: 40 } } }));
    const web = resized.nodes.find((n) => n.id === 'web')!;
    expect(web.handles!.map((h) => [h.x, h.y])).toEqual([
      [-half, 20 - half],
      [300 - half, 20 - half],
    ]);
  });

  it('projects the OTT template: three regions, their zones, clusters, pools, fleets and workloads', () => {
    const doc = loadTemplate('ott');
    const { nodes, edges } = createProjector()(input(doc));
    const count = (type: string) => nodes.filter((n) => n.type === type).length;
    expect(count('region')).toBe(3);
    expect(count('zone')).toBe(9);
    expect(count('cluster')).toBe(9);
    expect(count('nodePool')).toBe(18);
    expect(count('fleet')).toBe(3);
    expect(count('workload')).toBe(27);
    expect(edges).toHaveLength(doc.spec.dependencies.length);
    expect(nodes.find((n) => n.id === 'use1-ml-gpu')!.parentId).toBe('use1-ml');
    expect(nodes.find((n) => n.id === 'use1-streaming')!.parentId).toBe('use1-edge');
  });
});
