// Versions the generated Pulumi program pins. They are the versions this repository installs and
// type-checks the generated programs against (a test keeps them equal to node_modules).
export const PULUMI_VERSIONS = {
  '@pulumi/pulumi': '3.248.0',
  '@pulumi/aws': '7.48.0',
  '@pulumi/kubernetes': '4.34.2',
} as const;

/** Dev dependencies of the generated program (Pulumi runs TypeScript through ts-node). */
export const PROGRAM_DEV_VERSIONS = {
  '@types/node': '^20.19.0',
  typescript: '~5.9.3',
} as const;

/** Karpenter Helm chart version the program installs by default (config `karpenterVersion`). */
export const KARPENTER_CHART_VERSION = '1.6.0';

/** Version of Topology Designer (the app and `topo`), written into every bundle's bundle.json. */
export const PRODUCT_VERSION = '0.1.0';
