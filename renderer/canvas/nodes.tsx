// The custom nodes of the canvas: dumb, memo'd views. Each reads its element through a selector by id
// (nothing but the kind travels in `node.data`, and no callbacks), so a node re-renders only when its own
// element, its zones, its cost, its problems, its blast-radius mark, the drop feedback on it or its level of
// detail change. A node not drawn in full (detail.tsx: zoomed out, or far from the view) is one box with
// its name as a tooltip; regions and clusters keep a title sized to be read from afar.
import { Handle, NodeResizer, Position } from '@xyflow/react';
import type { NodeProps } from '@xyflow/react';
import { memo, useCallback, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import { effectivePoolZones, getElement } from '../../shared/model/elements';
import type { NodePool, Region, Workload, Zone } from '../../shared/model/schema';
import { compactMoney } from '../analysis/format';
import { useAppStore, useServices } from '../app/context';
import { blastMarkOf, costOf, problemsOf } from '../store/analysis-selectors';
import { Icon } from '../ui/icons';
import type { IconName } from '../ui/icons';
import { useDetailed } from './detail';
import { elementWatch } from './element-watch';
import type { BoxView } from './element-watch';
import { CONTAINERS } from './geometry';
import type { NodeKind } from './geometry';
import type { TopologyNode } from './projection';
import { zoneLetter } from './reparent';
import { dropTargetOf, elementOf, regionZones } from './selectors';

type Props = NodeProps<TopologyNode>;

function classes(...names: (string | false | undefined | null)[]): string {
  return names.filter(Boolean).join(' ');
}

/** The zones of the region as letters, the ones an element spans lit ("a b c"). */
const ZoneChips = memo(function ZoneChips({
  regionId,
  zones,
}: {
  regionId: string;
  zones: readonly string[];
}) {
  const all = useAppStore((s) => regionZones(s.doc, regionId));
  if (all.length === 0) return null;
  const spanned = new Set(zones);
  const names = all.filter((z) => spanned.has(z.id)).map((z) => z.zoneName);
  return (
    <span className="zone-chips" title={names.length ? `Zones: ${names.join(', ')}` : 'No zones'}>
      {all.map((zone) => (
        <span key={zone.id} className={classes('zone-letter', spanned.has(zone.id) && 'on')}>
          {zoneLetter(zone)}
        </span>
      ))}
    </span>
  );
});

/** The monthly expected cost of an element (and what it contains): `$12.3k/mo`, `no price`, `incomplete`. */
const NodeCost = memo(function NodeCost({ id }: { id: string }) {
  const cost = useAppStore(costOf(id));
  const currency = useAppStore((s) => s.doc.spec.settings.currency);
  if (!cost) return null;
  if (cost.unpriced === cost.items) {
    return (
      <span
        className="node-cost missing"
        data-testid={`cost-badge-${id}`}
        title="No price in the catalog for this element"
      >
        no price
      </span>
    );
  }
  const title =
    `Expected ${compactMoney(cost.expected, currency)} a month, at most ${compactMoney(cost.maximum, currency)}` +
    (cost.unpriced > 0 ? `; ${cost.unpriced} of ${cost.items} items have no price and are not included` : '');
  return (
    <span className="node-cost" data-testid={`cost-badge-${id}`} title={title}>
      {compactMoney(cost.expected, currency)}/mo
      {cost.unpriced > 0 && <span className="cost-incomplete">incomplete</span>}
    </span>
  );
});

/** A small mark when the design rules found errors or warnings on the element. */
const NodeProblems = memo(function NodeProblems({ id }: { id: string }) {
  const counts = useAppStore(problemsOf(id));
  if (!counts || counts.errors + counts.warnings === 0) return null;
  const severity = counts.errors > 0 ? 'error' : 'warning';
  const parts = [
    counts.errors > 0 ? `${counts.errors} error${counts.errors === 1 ? '' : 's'}` : '',
    counts.warnings > 0 ? `${counts.warnings} warning${counts.warnings === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  return (
    <span
      className={`node-problems severity-${severity}`}
      data-testid={`problem-badge-${id}`}
      data-severity={severity}
      title={`${parts.join(', ')} (see the Problems panel)`}
    >
      {counts.errors + counts.warnings}
    </span>
  );
});

/** The class of a container's frame: its kind, selection and the drop feedback on it. */
function frameClass(
  kind: string,
  selected: boolean,
  drop: { readonly ok: boolean } | null,
  ...more: (string | undefined)[]
): string {
  return classes(
    'topo-node',
    `topo-${kind}`,
    ...more,
    selected && 'selected',
    drop && (drop.ok ? 'drop-ok' : 'drop-refused'),
  );
}

/** What a plain box reads from the store (its element, the drop feedback, the blast mark), watched by id. */
function useBoxView(id: string): BoxView {
  const watch = elementWatch(useServices().store);
  return useSyncExternalStore(
    useCallback((listener: () => void) => watch.subscribe(id, listener), [watch, id]),
    () => watch.view(id),
  );
}

/**
 * A node not drawn in full (detail.tsx): its box with the selection, drop feedback and blast mark, its name
 * on hover, resize handles when it is a selected container, and a large title when it is a region or
 * cluster. A workload's box has no handle elements: the canvas declares every node's handles to React Flow
 * (projection.ts), which routes edges to them without looking for them in the node (patches/@xyflow+system);
 * 2,000 empty marks cost a large design's open about 50 ms.
 */
const FarNode = memo(function FarNode({
  id,
  kind,
  selected,
}: {
  id: string;
  kind: NodeKind;
  selected: boolean;
}) {
  const { element, drop, blast } = useBoxView(id);
  if (!element) return null;
  const common = { 'data-testid': `node-${id}`, 'data-kind': kind, 'data-blast': blast };
  if (kind === 'zone' || kind === 'workload') {
    const zone = kind === 'zone' ? (element as Zone) : undefined;
    const workload = kind === 'workload' ? (element as Workload) : undefined;
    return (
      <div
        className={classes(
          zone ? 'topo-zone' : `topo-workload workload-${workload!.kind}`,
          'far',
          selected && 'selected',
        )}
        title={zone ? (zone.zoneId ? `${zone.zoneName} (${zone.zoneId})` : zone.zoneName) : element.name}
        {...common}
      />
    );
  }
  const metrics = CONTAINERS[kind];
  const region = kind === 'region' ? (element as Region) : undefined;
  const gpu = kind === 'nodePool' && (element as NodePool).gpu !== undefined;
  return (
    <div
      className={frameClass(kind, selected, drop, 'far', gpu ? 'topo-gpu' : undefined)}
      title={region ? `${region.name} (${region.code})` : element.name}
      {...common}
    >
      {selected && (
        <NodeResizer
          minWidth={metrics.minWidth}
          minHeight={metrics.minHeight}
          lineClassName="resize-line"
          handleClassName="resize-handle"
        />
      )}
      {(kind === 'region' || kind === 'cluster') && <span className="far-title">{element.name}</span>}
    </div>
  );
});

/** A node type: the full view when the node is detailed, a plain box otherwise. */
function nodeType(kind: NodeKind, Full: (props: Props) => ReactNode) {
  return memo(function DetailedOrFar(props: Props) {
    return useDetailed(props.id) ? (
      <Full {...props} />
    ) : (
      <FarNode id={props.id} kind={kind} selected={props.selected} />
    );
  });
}

/** The frame every container shares: header, drop feedback, resize handles when selected. */
function Container({
  id,
  kind,
  selected,
  icon,
  badge,
  title,
  meta,
  chips,
  chipsInTitle = false,
  extra,
}: {
  id: string;
  kind: keyof typeof CONTAINERS;
  selected: boolean;
  icon: IconName;
  badge: string;
  title: string;
  meta?: ReactNode;
  chips?: ReactNode;
  /** Zone chips beside the title (pools, whose details line is long) rather than after the details. */
  chipsInTitle?: boolean;
  extra?: string;
}) {
  const drop = useAppStore(dropTargetOf(id));
  const blast = useAppStore(blastMarkOf(id));
  const metrics = CONTAINERS[kind];
  return (
    <div
      className={frameClass(kind, selected, drop, extra)}
      data-testid={`node-${id}`}
      data-kind={kind}
      data-blast={blast}
    >
      <NodeResizer
        isVisible={selected}
        minWidth={metrics.minWidth}
        minHeight={metrics.minHeight}
        lineClassName="resize-line"
        handleClassName="resize-handle"
      />
      <div className="node-header">
        <div className="node-title-row">
          <Icon name={icon} className="node-icon" />
          <span className="node-title" title={title}>
            {title}
          </span>
          <NodeProblems id={id} />
          <span className="node-badge">{badge}</span>
          {chipsInTitle && chips}
        </div>
        <div className="node-meta-row">
          <span className="node-meta">{meta}</span>
          <NodeCost id={id} />
          {!chipsInTitle && chips}
        </div>
      </div>
    </div>
  );
}

function RegionView({ id, selected }: Props) {
  const region = useAppStore(elementOf('region', id));
  const drop = useAppStore(dropTargetOf(id));
  const blast = useAppStore(blastMarkOf(id));
  if (!region) return null;
  return (
    <div
      className={frameClass('region', selected, drop)}
      data-testid={`node-${id}`}
      data-kind="region"
      data-blast={blast}
    >
      <NodeResizer
        isVisible={selected}
        minWidth={CONTAINERS.region.minWidth}
        minHeight={CONTAINERS.region.minHeight}
        lineClassName="resize-line"
        handleClassName="resize-handle"
      />
      <div className="node-header region-header">
        <Icon name="region" className="node-icon" />
        <span className="node-title">{region.name}</span>
        <span className="region-code">{region.code}</span>
        <NodeProblems id={id} />
        <span className="header-spacer" />
        <NodeCost id={id} />
      </div>
      <div className="zone-lane" aria-hidden="true" />
    </div>
  );
}

function ZoneView({ id, selected }: Props) {
  const zone = useAppStore(elementOf('zone', id));
  const blast = useAppStore(blastMarkOf(id));
  if (!zone) return null;
  return (
    <div
      className={classes('topo-zone', selected && 'selected')}
      data-testid={`node-${id}`}
      data-kind="zone"
      data-blast={blast}
      title={zone.zoneId ? `${zone.zoneName} (${zone.zoneId})` : zone.zoneName}
    >
      <span className="zone-letter on">{zoneLetter(zone)}</span>
      <span className="zone-name">{zone.zoneName}</span>
    </div>
  );
}

function ClusterView({ id, selected }: Props) {
  const cluster = useAppStore(elementOf('cluster', id));
  if (!cluster) return null;
  return (
    <Container
      id={id}
      kind="cluster"
      selected={selected}
      icon="cluster"
      badge={cluster.role}
      title={cluster.name}
      meta={`EKS ${cluster.kubernetesVersion}${cluster.environment === 'production' ? '' : ` · ${cluster.environment}`}`}
      chips={<ZoneChips regionId={cluster.region} zones={cluster.zones} />}
    />
  );
}

function NodePoolView({ id, selected }: Props) {
  const pool = useAppStore(elementOf('nodePool', id));
  const cluster = useAppStore((s) => (pool ? getElement(s.doc, 'cluster', pool.cluster) : undefined));
  const zones = useAppStore((s) => (pool ? effectivePoolZones(s.doc, pool) : undefined));
  if (!pool) return null;
  const types = pool.instanceTypes;
  const typeText =
    types.length === 0
      ? 'by requirements'
      : types.length === 1
        ? types[0]
        : `${types[0]} +${types.length - 1}`;
  const n = pool.nodesPerAz;
  const capacity =
    pool.capacity.spotAllowed && pool.capacity.spotPercent > 0
      ? `${pool.capacity.spotPercent}% spot`
      : 'on-demand';
  return (
    <Container
      id={id}
      kind="nodePool"
      extra={pool.gpu ? 'topo-gpu' : undefined}
      selected={selected}
      icon={pool.gpu ? 'gpuPool' : 'nodePool'}
      badge={
        pool.gpu
          ? pool.gpu.countPerNode === 1
            ? pool.gpu.model
            : `${pool.gpu.model} ×${pool.gpu.countPerNode}`
          : pool.role
      }
      title={pool.name}
      meta={
        <>
          <span title={types.join(', ')}>{typeText}</span>
          <span className="sep">·</span>
          <span title="nodes per zone: min / desired / max">
            {n.min}/{n.desired}/{n.max}
          </span>
          <span className="sep">·</span>
          <span>{capacity}</span>
          {pool.taints.length > 0 && (
            <span
              className="taint"
              title={`Tainted: ${pool.taints.map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`).join(', ')}`}
            >
              <Icon name="taint" size={12} />
            </span>
          )}
        </>
      }
      chips={cluster && zones ? <ZoneChips regionId={cluster.region} zones={zones} /> : undefined}
      chipsInTitle
    />
  );
}

function FleetView({ id, selected }: Props) {
  const fleet = useAppStore(elementOf('fleet', id));
  if (!fleet) return null;
  const gbps = fleet.instancesPerAz * fleet.zones.length * fleet.throughputGbpsPerInstance;
  return (
    <Container
      id={id}
      kind="fleet"
      selected={selected}
      icon="fleet"
      badge="DPDK"
      title={fleet.name}
      meta={
        <>
          <span>
            {fleet.instanceType} ×{fleet.instancesPerAz}/AZ
          </span>
          <span className="sep">·</span>
          <span
            title={`Fleet throughput; ${fleet.hugepages.count} × ${fleet.hugepages.size} hugepages per instance`}
          >
            {gbps} Gbps
          </span>
        </>
      }
      chips={<ZoneChips regionId={fleet.region} zones={fleet.zones} />}
    />
  );
}

function replicaText(workload: Workload): string {
  if (workload.kind === 'job' && workload.job)
    return `${workload.job.completions} runs ∥${workload.job.parallelism}`;
  if (workload.kind === 'dpdk-service')
    return workload.demand ? `${workload.demand.baseline} ${workload.demand.unit}` : '';
  if (workload.autoscaling) return `${workload.autoscaling.minReplicas}–${workload.autoscaling.maxReplicas}`;
  return workload.replicas === undefined ? '' : `×${workload.replicas}`;
}

function WorkloadView({ id, selected }: Props) {
  const workload = useAppStore(elementOf('workload', id));
  const blast = useAppStore(blastMarkOf(id));
  if (!workload) return null;
  const icon: IconName =
    workload.kind === 'job' ? 'job' : workload.kind === 'dpdk-service' ? 'dpdk' : 'workload';
  const gpus = workload.resources?.gpu ?? 0;
  return (
    <div
      className={classes('topo-workload', `workload-${workload.kind}`, selected && 'selected')}
      data-testid={`node-${id}`}
      data-kind="workload"
      data-blast={blast}
    >
      <Handle type="target" position={Position.Left} className="workload-handle" />
      <Icon name={icon} className="node-icon" />
      <span className="workload-name" title={workload.name}>
        {workload.name}
      </span>
      {workload.userFacing && (
        <span className="workload-flag" title="user-facing">
          <Icon name="user" size={12} />
        </span>
      )}
      {workload.stateful && (
        <span className="workload-flag" title="stateful">
          <Icon name="database" size={12} />
        </span>
      )}
      {gpus > 0 && (
        <span className="workload-flag" title={`${gpus} GPU per replica`}>
          <Icon name="gpu" size={12} />
        </span>
      )}
      <NodeProblems id={id} />
      <NodeCost id={id} />
      <span className="workload-replicas" title={workload.autoscaling ? 'HPA min–max replicas' : 'replicas'}>
        {replicaText(workload)}
      </span>
      <Handle type="source" position={Position.Right} className="workload-handle" />
    </div>
  );
}

export const NODE_TYPES = {
  region: nodeType('region', RegionView),
  zone: nodeType('zone', ZoneView),
  cluster: nodeType('cluster', ClusterView),
  nodePool: nodeType('nodePool', NodePoolView),
  fleet: nodeType('fleet', FleetView),
  workload: nodeType('workload', WorkloadView),
};
