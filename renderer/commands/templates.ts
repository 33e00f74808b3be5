// The starter designs of resources/templates, bundled into the renderer as text (Vite `?raw`) and loaded
// on demand, so they cost nothing at startup. They go through the one loader like any other file.

export interface TemplateInfo {
  /** File name in resources/templates; also the suffix of the command id `file.newFromTemplate:<file>`. */
  readonly file: string;
  readonly title: string;
  readonly description: string;
  readonly load: () => Promise<string>;
}

export const TEMPLATES: readonly TemplateInfo[] = [
  {
    file: 'ott-streaming-platform.topo.yaml',
    title: 'OTT streaming platform',
    description: 'Three regions; API, Media and ML clusters per region; DPDK streaming fleets',
    load: () =>
      import('../../resources/templates/ott-streaming-platform.topo.yaml?raw').then((m) => m.default),
  },
  {
    file: 'single-cluster-startup.topo.yaml',
    title: 'Single-cluster startup',
    description: 'One cluster over three zones with a system pool and a Karpenter pool',
    load: () =>
      import('../../resources/templates/single-cluster-startup.topo.yaml?raw').then((m) => m.default),
  },
  {
    file: 'ml-training-platform.topo.yaml',
    title: 'ML training platform',
    description: 'A100 training pool, time-sliced L4 pool and batch jobs',
    load: () => import('../../resources/templates/ml-training-platform.topo.yaml?raw').then((m) => m.default),
  },
];
