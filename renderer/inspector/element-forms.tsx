// The inspector's form for each element kind: every property of the kind, in sections (General,
// Placement, Capacity, Instance types, Taints and labels, GPU, Fleet, Workload, Dependency…). Fields edit
// through the editor context (one `update` per committed edit); a change of container is a `move`, which
// takes what must come along (a pool's workloads, a cluster's zones) in the same undo step.
import { useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { Catalog } from '../../shared/catalog/types';
import type { ElementByKind, ElementKind } from '../../shared/model/elements';
import { CLUSTER_ROLES, POOL_ROLES, WORKLOAD_KINDS } from '../../shared/model/schema';
import type { Cluster, Dependency, Fleet, NodePool, Region, Workload, Zone } from '../../shared/model/schema';
import { useAppStore, useServices } from '../app/context';
import { regionZones } from '../canvas/selectors';
import { InstancesTypesSection } from './instance-section';
import type { Transform } from './fields';
import {
  CheckField,
  InfoRow,
  NumberField,
  Section,
  SelectField,
  TextField,
  options,
  useEditor,
  useField,
} from './fields';
import { KeyValueField, ListField, OptionalGroup, ZoneChipsField } from './controls';

/** Moves the element into another container (one `move` command); returns the refusal, if any. */
export type MoveElement = (parent: string, zones?: readonly string[]) => string | undefined;

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;

function Notes() {
  return <TextField path={['notes']} label="Notes" optional multiline />;
}

function General({ children, idLabel }: { children?: ReactNode; idLabel?: string }) {
  const editor = useEditor();
  const id = (editor.subject as { id: string }).id;
  return (
    <Section title="General" id="general">
      <InfoRow label={idLabel ?? 'Id'} testId="inspector-id">
        <code>{id}</code>
      </InfoRow>
      {children}
    </Section>
  );
}

/** The regions of the document as choices. */
function useRegionChoices() {
  const regions = useAppStore((s) => s.doc.spec.regions);
  return useMemo(() => regions.map((r) => ({ value: r.id, label: `${r.name} (${r.code})` })), [regions]);
}

function useClusterChoices() {
  const clusters = useAppStore((s) => s.doc.spec.clusters);
  return useMemo(() => clusters.map((c) => ({ value: c.id, label: `${c.name} (${c.id})` })), [clusters]);
}

export function RegionForm() {
  return (
    <>
      <General>
        <TextField path={['name']} label="Name" />
        <TextField path={['code']} label="AWS region" mono suggestions={useCatalogRegions()} />
        <Notes />
      </General>
    </>
  );
}

function useCatalogRegions(): string[] {
  const { catalog } = useServices();
  return useMemo(() => catalog.regions().map((r) => r.code), [catalog]);
}

export function ZoneForm({ zone, move }: { zone: Zone; move: MoveElement }) {
  const regions = useRegionChoices();
  const code = useAppStore((s) => s.doc.spec.regions.find((r) => r.id === zone.region)?.code);
  const { catalog } = useServices();
  const names = useMemo(() => catalog.region(code ?? '')?.zones.map((z) => z.name) ?? [], [catalog, code]);
  const ids = useMemo(
    () => catalog.region(code ?? '')?.zones.flatMap((z) => (z.id ? [z.id] : [])) ?? [],
    [catalog, code],
  );
  return (
    <>
      <General>
        <TextField path={['name']} label="Name" />
        <TextField path={['zoneName']} label="AZ name" mono suggestions={names} />
        <TextField path={['zoneId']} label="AZ id" mono optional suggestions={ids} />
        <Notes />
      </General>
      <Section title="Placement" id="placement">
        <SelectField
          path={['region']}
          label="Region"
          choices={regions}
          onSelect={(id) => (id ? move(id) : undefined)}
        />
      </Section>
    </>
  );
}

export function ClusterForm({ cluster, move }: { cluster: Cluster; move: MoveElement }) {
  const regions = useRegionChoices();
  const zones = useAppStore((s) => regionZones(s.doc, cluster.region));
  const doc = useServices().store;
  return (
    <>
      <General>
        <TextField path={['name']} label="Name" />
        <TextField path={['role']} label="Role" suggestions={CLUSTER_ROLES} />
        <SelectField
          path={['environment']}
          label="Environment"
          choices={options(['production', 'staging', 'development'])}
          fallback="production"
        />
        <TextField path={['kubernetesVersion']} label="Kubernetes" mono />
        <Notes />
      </General>
      <Section title="Placement" id="placement">
        <SelectField
          path={['region']}
          label="Region"
          choices={regions}
          onSelect={(id) =>
            id
              ? move(
                  id,
                  regionZones(doc.getState().doc, id).map((z) => z.id),
                )
              : undefined
          }
        />
        <ZoneChipsField path={['zones']} label="Zones" allowed={zones} />
      </Section>
      <Section title="Network" id="network">
        <TextField path={['network', 'vpcCidr']} label="VPC CIDR" mono />
        <TextField path={['network', 'podCidr']} label="Pod CIDR" mono optional />
        <TextField path={['network', 'serviceCidr']} label="Service CIDR" mono />
        <SelectField
          path={['natGateways']}
          label="NAT gateways"
          choices={options(['per-az', 'single', 'none'])}
          fallback="per-az"
        />
        <SelectField
          path={['controlPlane', 'support']}
          label="EKS support"
          choices={options(['standard', 'extended'])}
          fallback="standard"
        />
      </Section>
      <Section title="Load balancers" id="loadBalancers">
        <ListField
          path={['loadBalancers']}
          label="Load balancers"
          newItem={() => ({
            name: `lb-${cluster.loadBalancers.length + 1}`,
            type: 'alb',
            count: 1,
            capacityUnits: 1,
          })}
          itemTitle={(item) => (item as { name: string }).name}
          renderItem={(i) => (
            <>
              <TextField path={['loadBalancers', i, 'name']} label="Name" />
              <SelectField
                path={['loadBalancers', i, 'type']}
                label="Type"
                choices={options(['alb', 'nlb'])}
              />
              <NumberField path={['loadBalancers', i, 'count']} label="Count" min={1} />
              <NumberField
                path={['loadBalancers', i, 'capacityUnits']}
                label="Capacity units"
                min={0}
                step={0.5}
              />
            </>
          )}
        />
      </Section>
      <Section title="Traffic" id="traffic" defaultOpen={cluster.traffic !== undefined}>
        <NumberField
          path={['traffic', 'natProcessedGBPerMonth']}
          label="NAT processed"
          unit="GB/mo"
          optional
          min={0}
        />
        <NumberField path={['traffic', 'interAzGBPerMonth']} label="Inter-AZ" unit="GB/mo" optional min={0} />
        <NumberField
          path={['traffic', 'internetEgressGBPerMonth']}
          label="Internet egress"
          unit="GB/mo"
          optional
          min={0}
        />
      </Section>
    </>
  );
}

/** A pool's role: a GPU pool needs GPU settings, other roles (but batch) may not have them. */
const poolRoleChange: Transform = (candidate) => {
  const role = candidate.role;
  if (role === 'gpu' && !candidate.gpu) return { ...candidate, gpu: { model: 'A10G', countPerNode: 1 } };
  if (role !== 'gpu' && role !== 'batch' && candidate.gpu) {
    const next = { ...candidate };
    delete next.gpu;
    return next;
  }
  return candidate;
};

/** Limits and disruption belong to Karpenter pools only. */
const provisionerChange: Transform = (candidate) => {
  if (candidate.provisioner === 'karpenter') return candidate;
  const next = { ...candidate };
  delete next.limits;
  delete next.disruption;
  return next;
};

/** Spot off means no spot share. */
const spotChange: Transform = (candidate) => {
  const capacity = candidate.capacity as { spotAllowed: boolean; spotPercent: number };
  return capacity.spotAllowed ? candidate : { ...candidate, capacity: { ...capacity, spotPercent: 0 } };
};

export function NodePoolForm({ pool, move }: { pool: NodePool; move: MoveElement }) {
  const clusters = useClusterChoices();
  const cluster = useAppStore((s) => s.doc.spec.clusters.find((c) => c.id === pool.cluster));
  const allZones = useAppStore((s) => regionZones(s.doc, cluster?.region));
  const clusterZones = useMemo(
    () => allZones.filter((zone) => cluster?.zones.includes(zone.id)),
    [allZones, cluster],
  );
  const { catalog, store } = useServices();
  const karpenter = pool.provisioner === 'karpenter';
  return (
    <>
      <General>
        <TextField path={['name']} label="Name" />
        <SelectField path={['role']} label="Role" choices={options(POOL_ROLES)} transform={poolRoleChange} />
        <SelectField
          path={['provisioner']}
          label="Provisioner"
          choices={[
            { value: 'karpenter', label: 'Karpenter NodePool' },
            { value: 'managed', label: 'EKS managed node group' },
          ]}
          transform={provisionerChange}
        />
        <TextField path={['priorityClass']} label="Priority class" optional mono />
        <Notes />
      </General>
      <Section title="Placement" id="placement">
        <SelectField
          path={['cluster']}
          label="Cluster"
          choices={clusters}
          onSelect={(id) => {
            if (!id) return undefined;
            const target = store.getState().doc.spec.clusters.find((c) => c.id === id);
            return move(id, pool.zones && target ? target.zones : undefined);
          }}
        />
        <ZoneChipsField
          path={['zones']}
          label="Zones"
          allowed={clusterZones}
          inherited={cluster?.zones ?? []}
        />
      </Section>
      <Section title="Capacity" id="capacity">
        <div className="field-trio">
          <NumberField path={['nodesPerAz', 'min']} label="Min / AZ" min={0} />
          <NumberField path={['nodesPerAz', 'desired']} label="Desired / AZ" min={0} />
          <NumberField path={['nodesPerAz', 'max']} label="Max / AZ" min={0} />
        </div>
        <CheckField path={['capacity', 'spotAllowed']} label="Spot allowed" transform={spotChange} />
        <NumberField
          path={['capacity', 'spotPercent']}
          label="Spot share"
          unit="%"
          min={0}
          max={100}
          step={5}
        />
        {karpenter && (
          <OptionalGroup path={['limits']} label="Limits" defaults={() => ({ vcpu: 1000 })}>
            <NumberField path={['limits', 'vcpu']} label="vCPU limit" optional min={1} />
            <NumberField path={['limits', 'memoryGiB']} label="Memory limit" unit="GiB" optional min={1} />
          </OptionalGroup>
        )}
        <OptionalGroup path={['schedule']} label="Part-time" defaults={() => ({ hoursPerDay: 8 })}>
          <NumberField path={['schedule', 'hoursPerDay']} label="Hours a day" min={0} max={24} />
        </OptionalGroup>
      </Section>
      <InstancesTypesSection
        pool={pool}
        regionCode={cluster ? regionCodeOf(store.getState().doc.spec.regions, cluster.region) : undefined}
        regionZones={allZones}
        elementZones={pool.zones ?? cluster?.zones ?? []}
      />
      <Section title="Taints and labels" id="taints">
        <ListField
          path={['taints']}
          label="Taints"
          newItem={() => ({ key: 'dedicated', value: pool.role, effect: 'NoSchedule' })}
          itemTitle={(item) => {
            const t = item as { key: string; value?: string; effect: string };
            return `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;
          }}
          renderItem={(i) => (
            <>
              <TextField path={['taints', i, 'key']} label="Key" mono />
              <TextField path={['taints', i, 'value']} label="Value" mono optional />
              <SelectField path={['taints', i, 'effect']} label="Effect" choices={options(TAINT_EFFECTS)} />
            </>
          )}
        />
        <KeyValueField path={['labels']} label="Labels" />
      </Section>
      <Section title="GPU" id="gpu" defaultOpen={pool.gpu !== undefined || pool.role === 'gpu'}>
        <OptionalGroup path={['gpu']} label="GPU nodes" defaults={() => ({ model: 'A10G', countPerNode: 1 })}>
          <TextField path={['gpu', 'model']} label="Model" suggestions={gpuModels(catalog)} />
          <NumberField path={['gpu', 'countPerNode']} label="GPUs per node" min={1} />
          <SelectField
            path={['gpu', 'sharing']}
            label="Sharing"
            choices={options(['whole', 'mig', 'time-slicing'])}
            fallback="whole"
          />
          {pool.gpu?.sharing === 'mig' && (
            <TextField path={['gpu', 'migProfile']} label="MIG profile" mono optional />
          )}
          {pool.gpu?.sharing === 'time-slicing' && (
            <NumberField path={['gpu', 'timeSlicingReplicas']} label="Pods per GPU" optional min={2} />
          )}
        </OptionalGroup>
      </Section>
      {karpenter && (
        <Section title="Disruption" id="disruption" defaultOpen={pool.disruption !== undefined}>
          <OptionalGroup
            path={['disruption']}
            label="Disruption settings"
            defaults={() => ({
              consolidationPolicy: 'WhenEmptyOrUnderutilized',
              consolidateAfter: '1m',
              budgetNodesPercent: 10,
            })}
          >
            <SelectField
              path={['disruption', 'consolidationPolicy']}
              label="Consolidation"
              choices={options(['WhenEmptyOrUnderutilized', 'WhenEmpty'])}
            />
            <TextField path={['disruption', 'consolidateAfter']} label="After" mono />
            <NumberField
              path={['disruption', 'budgetNodesPercent']}
              label="Budget"
              unit="% nodes"
              min={0}
              max={100}
            />
          </OptionalGroup>
        </Section>
      )}
      <RootVolumeSection />
    </>
  );
}

function regionCodeOf(regions: readonly Region[], id: string): string | undefined {
  return regions.find((r) => r.id === id)?.code;
}

function gpuModels(catalog: Catalog): string[] {
  return [...new Set(catalog.instanceTypes().flatMap((t) => (t.gpuModel ? [t.gpuModel] : [])))].sort();
}

function RootVolumeSection() {
  return (
    <Section title="Root volume" id="rootVolume" defaultOpen={false}>
      <NumberField path={['rootVolume', 'sizeGiB']} label="Size" unit="GiB" min={1} />
      <SelectField
        path={['rootVolume', 'type']}
        label="Type"
        choices={options(['gp3', 'gp2'])}
        fallback="gp3"
      />
      <NumberField path={['rootVolume', 'iops']} label="IOPS" optional min={3000} step={1000} />
      <NumberField
        path={['rootVolume', 'throughputMiBps']}
        label="Throughput"
        unit="MiB/s"
        optional
        min={125}
        step={25}
      />
    </Section>
  );
}

export function FleetForm({ fleet, move }: { fleet: Fleet; move: MoveElement }) {
  const regions = useRegionChoices();
  const zones = useAppStore((s) => regionZones(s.doc, fleet.region));
  const code = useAppStore((s) => regionCodeOf(s.doc.spec.regions, fleet.region));
  const { store } = useServices();
  return (
    <>
      <General>
        <TextField path={['name']} label="Name" />
        <Notes />
      </General>
      <Section title="Placement" id="placement">
        <SelectField
          path={['region']}
          label="Region"
          choices={regions}
          onSelect={(id) =>
            id
              ? move(
                  id,
                  regionZones(store.getState().doc, id).map((z) => z.id),
                )
              : undefined
          }
        />
        <ZoneChipsField path={['zones']} label="Zones" allowed={zones} />
      </Section>
      <InstancesTypesSection fleet={fleet} regionCode={code} regionZones={zones} elementZones={fleet.zones} />
      <Section title="Fleet" id="fleet">
        <NumberField path={['instancesPerAz']} label="Instances / AZ" min={0} />
        <NumberField
          path={['throughputGbpsPerInstance']}
          label="Throughput"
          unit="Gbps each"
          min={0}
          step={5}
        />
        <div className="field-pair">
          <SelectField path={['hugepages', 'size']} label="Hugepage size" choices={options(['2Mi', '1Gi'])} />
          <NumberField path={['hugepages', 'count']} label="Hugepages" min={0} />
        </div>
        <TextField
          path={['cpu', 'isolatedCores']}
          label="Isolated cores"
          mono
          optional
          placeholder="e.g. 2-31"
        />
        <CheckField path={['cpu', 'numaPinning']} label="NUMA pinning" fallback />
        <SelectField
          path={['placementGroup']}
          label="Placement group"
          choices={options(['cluster', 'partition', 'spread'])}
          fallback="cluster"
        />
        <NumberField path={['internetEgressTBPerMonth']} label="Internet egress" unit="TB/mo" min={0} />
      </Section>
      <RootVolumeSection />
    </>
  );
}

/** A workload's kind brings the settings it needs and drops those it may not have. */
const workloadKindChange: Transform = (candidate) => {
  const next = { ...candidate };
  if (next.kind === 'job') {
    next.job ??= { completions: 1, parallelism: 1 };
    delete next.autoscaling;
    delete next.replicas;
  } else {
    delete next.job;
    if (next.kind === 'service' && next.replicas === undefined && !next.autoscaling) next.replicas = 2;
  }
  return next;
};

/** Fixed replicas or an HorizontalPodAutoscaler: switching keeps the numbers close to what they were. */
function ScalingMode({ workload }: { workload: Workload }) {
  const editor = useEditor();
  // Bound to `autoscaling` (its presence is the mode): the field holds the mode just chosen until the form
  // catches up with the document, and the switch is applied to the workload as the document holds it.
  const field = useField(['autoscaling']);
  const [error, setError] = useState<{ message: string; over: unknown } | null>(null);
  const shown = field.value !== undefined ? 'hpa' : 'fixed';
  const choose = (mode: string) => {
    const current = editor.latest() as Workload;
    let message: string | undefined;
    if (mode === 'hpa' && current.autoscaling === undefined) {
      const base = Math.max(1, current.replicas ?? 1);
      message = field.commit({ minReplicas: base, maxReplicas: base * 3, targetCpuPercent: 70 }, (c) => {
        const candidate = { ...c };
        delete candidate.replicas;
        return candidate;
      });
    } else if (mode === 'fixed' && current.autoscaling !== undefined) {
      const replicas = current.autoscaling.minReplicas;
      message = field.commit(undefined, (c) => ({ ...c, replicas }));
    } else return;
    setError(message ? { message, over: workload } : null);
  };
  return (
    <div className="field">
      <label className="field-label" htmlFor="inspector-scaling">
        Scaling
      </label>
      <div className="field-control">
        <select
          id="inspector-scaling"
          className="input"
          data-testid="inspector-field-scaling"
          value={shown}
          onChange={(event) => choose(event.target.value)}
        >
          <option value="fixed">Fixed replicas</option>
          <option value="hpa">Autoscaling (HPA)</option>
        </select>
      </div>
      {error && error.over === workload && (
        <div className="field-error" role="alert" data-testid="inspector-error-scaling">
          {error.message}
        </div>
      )}
    </div>
  );
}

export function WorkloadForm({ workload, move }: { workload: Workload; move: MoveElement }) {
  const clusters = useClusterChoices();
  const allPools = useAppStore((s) => s.doc.spec.nodePools);
  const fleets = useAppStore((s) => s.doc.spec.fleets);
  const pools = useMemo(
    () =>
      allPools
        .filter((p) => p.cluster === workload.cluster)
        .map((p) => ({ value: p.id, label: `${p.name} (${p.id})` })),
    [allPools, workload.cluster],
  );
  const fleetChoices = useMemo(
    () => fleets.map((f) => ({ value: f.id, label: `${f.name} (${f.id})` })),
    [fleets],
  );
  const dpdk = workload.kind === 'dpdk-service';
  return (
    <>
      <General>
        <TextField path={['name']} label="Name" />
        <SelectField
          path={['kind']}
          label="Kind"
          choices={options(WORKLOAD_KINDS)}
          transform={workloadKindChange}
        />
        <TextField path={['namespace']} label="Namespace" mono optional />
        <CheckField path={['userFacing']} label="User-facing" />
        <CheckField path={['stateful']} label="Stateful" />
        <TextField path={['priorityClass']} label="Priority class" mono optional />
        <Notes />
      </General>
      <Section title="Placement" id="placement">
        {dpdk ? (
          <SelectField
            path={['fleet']}
            label="Fleet"
            choices={fleetChoices}
            onSelect={(id) => (id ? move(id) : undefined)}
          />
        ) : (
          <>
            <SelectField
              path={['cluster']}
              label="Cluster"
              choices={clusters}
              onSelect={(id) => (id ? move(id) : undefined)}
            />
            <SelectField
              path={['nodePool']}
              label="Node pool"
              choices={pools}
              optional="any pool of the cluster"
              onSelect={(id) => move(id ?? workload.cluster ?? '')}
            />
          </>
        )}
      </Section>
      <Section title="Workload" id="workload">
        {workload.kind === 'service' && (
          <>
            <ScalingMode workload={workload} />
            {workload.autoscaling ? (
              <div className="field-trio">
                <NumberField path={['autoscaling', 'minReplicas']} label="Min replicas" min={1} />
                <NumberField path={['autoscaling', 'maxReplicas']} label="Max replicas" min={1} />
                <NumberField
                  path={['autoscaling', 'targetCpuPercent']}
                  label="Target CPU %"
                  min={1}
                  max={100}
                />
              </div>
            ) : (
              <NumberField path={['replicas']} label="Replicas" min={0} />
            )}
          </>
        )}
        {workload.kind === 'dpdk-service' && (
          <NumberField path={['replicas']} label="Replicas" optional min={0} />
        )}
        {workload.kind === 'job' && (
          <div className="field-group">
            <div className="field-pair">
              <NumberField path={['job', 'completions']} label="Completions" min={1} />
              <NumberField path={['job', 'parallelism']} label="Parallelism" min={1} />
            </div>
            <div className="field-pair">
              <NumberField path={['job', 'durationMinutes']} label="Duration" unit="min" optional min={1} />
              <NumberField path={['job', 'runsPerDay']} label="Runs a day" optional min={0} />
            </div>
          </div>
        )}
        <OptionalGroup
          path={['resources']}
          label="Requests"
          defaults={() => ({ cpu: 0.5, memoryGiB: 1, gpu: 0 })}
        >
          <div className="field-pair">
            <NumberField path={['resources', 'cpu']} label="CPU" unit="cores" min={0} step={0.25} />
            <NumberField path={['resources', 'memoryGiB']} label="Memory" unit="GiB" min={0} step={0.5} />
          </div>
          <div className="field-pair">
            <NumberField path={['resources', 'gpu']} label="GPUs" min={0} />
            <NumberField path={['resources', 'volumeGiB']} label="Volume" unit="GiB" optional min={1} />
          </div>
        </OptionalGroup>
        <OptionalGroup
          path={['demand']}
          label="Demand"
          defaults={() => ({ unit: 'rps', baseline: 100, burstFactor: 3, perReplica: 50 })}
        >
          <SelectField
            path={['demand', 'unit']}
            label="Unit"
            choices={options(['rps', 'gbps', 'sessions'])}
          />
          <div className="field-pair">
            <NumberField path={['demand', 'baseline']} label="Baseline" min={0} />
            <NumberField path={['demand', 'burstFactor']} label="Burst ×" min={1} step={0.5} />
          </div>
          <NumberField path={['demand', 'perReplica']} label="Per replica" min={0} />
        </OptionalGroup>
      </Section>
      {!dpdk && (
        <Section
          title="Scheduling"
          id="scheduling"
          defaultOpen={workload.tolerations.length > 0 || Object.keys(workload.nodeSelector).length > 0}
        >
          <ListField
            path={['tolerations']}
            label="Tolerations"
            newItem={() => ({ operator: 'Exists' })}
            itemTitle={(item) => {
              const t = item as { key?: string; operator: string; value?: string; effect?: string };
              return `${t.key ?? '(any key)'} ${t.operator}${t.value ? ` ${t.value}` : ''}${t.effect ? ` :${t.effect}` : ''}`;
            }}
            renderItem={(i) => (
              <>
                <TextField path={['tolerations', i, 'key']} label="Key" mono optional />
                <SelectField
                  path={['tolerations', i, 'operator']}
                  label="Operator"
                  choices={options(['Equal', 'Exists'])}
                  fallback="Equal"
                />
                <TextField path={['tolerations', i, 'value']} label="Value" mono optional />
                <SelectField
                  path={['tolerations', i, 'effect']}
                  label="Effect"
                  choices={options(TAINT_EFFECTS)}
                  optional="any effect"
                />
              </>
            )}
          />
          <KeyValueField path={['nodeSelector']} label="Node selector" />
        </Section>
      )}
    </>
  );
}

export function DependencyForm({ dependency }: { dependency: Dependency }) {
  return (
    <>
      <General>
        <TextField path={['name']} label="Name" optional />
        <InfoRow label="From" testId="inspector-dependency-from">
          <code>{dependency.from}</code>
        </InfoRow>
        <InfoRow label="To" testId="inspector-dependency-to">
          <code>{dependency.to}</code>
        </InfoRow>
        <Notes />
      </General>
      <Section title="Dependency" id="dependency">
        <SelectField
          path={['type']}
          label="Type"
          choices={[
            { value: 'hard', label: 'hard: the caller fails without it' },
            { value: 'soft', label: 'soft: the caller degrades' },
          ]}
        />
      </Section>
    </>
  );
}

/** The form of an element kind. */
export function ElementForm<K extends ElementKind>({
  kind,
  element,
  move,
}: {
  kind: K;
  element: ElementByKind[K];
  move: MoveElement;
}) {
  switch (kind) {
    case 'region':
      return <RegionForm />;
    case 'zone':
      return <ZoneForm zone={element as Zone} move={move} />;
    case 'cluster':
      return <ClusterForm cluster={element as Cluster} move={move} />;
    case 'nodePool':
      return <NodePoolForm pool={element as NodePool} move={move} />;
    case 'fleet':
      return <FleetForm fleet={element as Fleet} move={move} />;
    case 'workload':
      return <WorkloadForm workload={element as Workload} move={move} />;
    default:
      return <DependencyForm dependency={element as Dependency} />;
  }
}
