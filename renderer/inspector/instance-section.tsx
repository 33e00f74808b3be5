// The "Instance types" section of a pool or fleet: the type field that opens the picker, and for a pool
// its Karpenter-style requirements (families, sizes, architectures, vCPU range).
import { useState } from 'react';
import type { Fleet, NodePool, Zone } from '../../shared/model/schema';
import { InstanceTypesField, OptionalGroup } from './controls';
import { parseList } from './edit';
import { NumberField, Section, TextField, useField } from './fields';
import { InstancePicker } from './InstancePicker';

export function InstancesTypesSection({
  pool,
  fleet,
  regionCode,
  regionZones,
  elementZones,
}: {
  pool?: NodePool;
  fleet?: Fleet;
  regionCode: string | undefined;
  regionZones: readonly Zone[];
  elementZones: readonly string[];
}) {
  const many = pool !== undefined;
  const path = many ? ['instanceTypes'] : ['instanceType'];
  const field = useField(path);
  const [open, setOpen] = useState(false);
  const selected = many ? (pool.instanceTypes ?? []) : fleet ? [fleet.instanceType] : [];
  const family = selected[0]?.split('.')[0];
  return (
    <Section title="Instance types" id="instanceTypes">
      <InstanceTypesField
        path={path}
        label={many ? 'Types' : 'Type'}
        many={many}
        onOpen={() => setOpen(true)}
      />
      {pool && (
        <OptionalGroup
          path={['requirements']}
          label="Requirements"
          defaults={() => ({ families: [family ?? 'm6i'] })}
        >
          <TextField path={['requirements', 'families']} label="Families" mono optional parse={parseList} />
          <TextField path={['requirements', 'sizes']} label="Sizes" mono optional parse={parseList} />
          <TextField
            path={['requirements', 'architectures']}
            label="Architectures"
            mono
            optional
            parse={parseList}
            placeholder="amd64, arm64"
          />
          <div className="field-pair">
            <NumberField path={['requirements', 'minVcpu']} label="Min vCPU" optional min={0} />
            <NumberField path={['requirements', 'maxVcpu']} label="Max vCPU" optional min={0} />
          </div>
        </OptionalGroup>
      )}
      {open && (
        <InstancePicker
          regionCode={regionCode}
          regionZones={regionZones}
          elementZones={elementZones}
          selected={selected}
          mode={many ? 'many' : 'one'}
          onApply={(types) => field.commit(many ? [...types] : types[0])}
          onClose={() => setOpen(false)}
        />
      )}
    </Section>
  );
}
