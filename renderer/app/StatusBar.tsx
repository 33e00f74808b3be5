// The status bar: document and file name, unsaved marker, element counts, the problem counts (which open
// the problems panel) and the monthly cost total (which opens its breakdown).
import { plural } from '../../shared/util/text';
import { CostStatus, ProblemsStatus } from '../analysis/StatusParts';
import { useAppStore, useAppStoreShallow } from './context';

export function StatusBar() {
  const { name, fileName, dirty } = useAppStoreShallow((s) => ({
    name: s.doc.metadata.name,
    fileName: s.file.name,
    dirty: s.dirty,
  }));
  const counts = useAppStoreShallow((s) => ({
    regions: s.doc.spec.regions.length,
    clusters: s.doc.spec.clusters.length,
    pools: s.doc.spec.nodePools.length,
    fleets: s.doc.spec.fleets.length,
    workloads: s.doc.spec.workloads.length,
    dependencies: s.doc.spec.dependencies.length,
  }));
  const selected = useAppStore((s) => s.selection.length);
  const parts = [
    plural(counts.regions, 'region'),
    plural(counts.clusters, 'cluster'),
    plural(counts.pools, 'node pool'),
    ...(counts.fleets > 0 ? [plural(counts.fleets, 'fleet')] : []),
    plural(counts.workloads, 'workload'),
    plural(counts.dependencies, 'dependency', 'dependencies'),
  ];
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span className="status-document" data-testid="status-name" title={fileName}>
        {name}
        <span className="status-file">{fileName}</span>
      </span>
      <span
        className={dirty ? 'status-dirty on' : 'status-dirty'}
        data-testid="status-dirty"
        data-dirty={dirty}
        title={dirty ? 'Unsaved changes' : 'All changes saved'}
      >
        {dirty ? 'Unsaved changes' : 'Saved'}
      </span>
      <span className="status-counts" data-testid="status-counts">
        {parts.join(' · ')}
      </span>
      {selected > 0 && <span className="status-selection">{selected} selected</span>}
      <span className="status-spacer" />
      <ProblemsStatus />
      <CostStatus />
    </footer>
  );
}
