// Small line icons drawn for this app (16 px grid, stroke in the current colour).
import type { ReactElement } from 'react';

export type IconName =
  | 'region'
  | 'zone'
  | 'cluster'
  | 'nodePool'
  | 'gpuPool'
  | 'fleet'
  | 'workload'
  | 'job'
  | 'dpdk'
  | 'new'
  | 'template'
  | 'open'
  | 'save'
  | 'export'
  | 'undo'
  | 'redo'
  | 'fit'
  | 'layout'
  | 'minimap'
  | 'sun'
  | 'moon'
  | 'command'
  | 'close'
  | 'chevron'
  | 'user'
  | 'database'
  | 'gpu'
  | 'taint'
  | 'blast'
  | 'problems'
  | 'cost'
  | 'present'
  | 'picture';

const PATHS: Record<IconName, ReactElement> = {
  region: (
    <>
      <circle cx="8" cy="8" r="6" />
      <path d="M2 8h12M8 2c-2 2-2 10 0 12M8 2c2 2 2 10 0 12" />
    </>
  ),
  zone: (
    <>
      <rect x="2" y="4" width="3.5" height="8" rx="1" />
      <rect x="6.25" y="4" width="3.5" height="8" rx="1" />
      <rect x="10.5" y="4" width="3.5" height="8" rx="1" />
    </>
  ),
  cluster: <path d="M8 1.8l5.4 3.1v6.2L8 14.2l-5.4-3.1V4.9z M8 5.2l2.6 1.5v3L8 11.2 5.4 9.7v-3z" />,
  nodePool: (
    <>
      <rect x="2.5" y="2.5" width="11" height="3.2" rx="1" />
      <rect x="2.5" y="6.4" width="11" height="3.2" rx="1" />
      <rect x="2.5" y="10.3" width="11" height="3.2" rx="1" />
    </>
  ),
  gpuPool: (
    <>
      <rect x="4" y="4" width="8" height="8" rx="1.2" />
      <rect x="6.3" y="6.3" width="3.4" height="3.4" />
      <path d="M6 1.8V4M10 1.8V4M6 12v2.2M10 12v2.2M1.8 6H4M1.8 10H4M12 6h2.2M12 10h2.2" />
    </>
  ),
  gpu: (
    <>
      <rect x="4" y="4" width="8" height="8" rx="1.2" />
      <path d="M6 1.8V4M10 1.8V4M6 12v2.2M10 12v2.2M1.8 6H4M1.8 10H4M12 6h2.2M12 10h2.2" />
    </>
  ),
  fleet: <path d="M9.2 1.8L3.6 9h4l-1 5.2L12.4 7h-4z" />,
  workload: <path d="M8 2l5.2 3v6L8 14l-5.2-3V5z M2.8 5L8 8l5.2-3M8 8v6" />,
  job: (
    <>
      <circle cx="8" cy="8.6" r="5.2" />
      <path d="M8 5.6v3.2l2 1.4M6.4 1.8h3.2" />
    </>
  ),
  dpdk: <path d="M9.2 1.8L3.6 9h4l-1 5.2L12.4 7h-4z" />,
  new: (
    <path d="M9.5 1.8H4.2a1 1 0 0 0-1 1v10.4a1 1 0 0 0 1 1h7.6a1 1 0 0 0 1-1V5.1z M9.5 1.8v3.3h3.3 M8 7.6v4.4M5.8 9.8h4.4" />
  ),
  template: (
    <>
      <rect x="2" y="2" width="5" height="5" rx="1" />
      <rect x="9" y="2" width="5" height="5" rx="1" />
      <rect x="2" y="9" width="5" height="5" rx="1" />
      <rect x="9" y="9" width="5" height="5" rx="1" />
    </>
  ),
  open: (
    <path d="M1.8 4.2a1 1 0 0 1 1-1h3.4l1.4 1.6h5.6a1 1 0 0 1 1 1v6.9a1 1 0 0 1-1 1H2.8a1 1 0 0 1-1-1z" />
  ),
  save: (
    <>
      <path d="M2.5 3.5a1 1 0 0 1 1-1h7.3l2.7 2.7v7.3a1 1 0 0 1-1 1h-9a1 1 0 0 1-1-1z" />
      <path d="M5 2.5v3.2h5V2.5M4.8 13.5V9.6h6.4v3.9" />
    </>
  ),
  export: (
    <path d="M9.6 2.2h4.2v4.2 M13.8 2.2L7.4 8.6 M12.2 9.6v3.2a1 1 0 0 1-1 1H3.2a1 1 0 0 1-1-1V4.8a1 1 0 0 1 1-1h3.2" />
  ),
  undo: <path d="M5.6 3.2L2.4 6.4l3.2 3.2 M2.6 6.4h6.6a4 4 0 0 1 0 8H6.4" />,
  redo: <path d="M10.4 3.2l3.2 3.2-3.2 3.2 M13.4 6.4H6.8a4 4 0 0 0 0 8h2.8" />,
  fit: (
    <path d="M2.2 5.6V2.2h3.4M10.4 2.2h3.4v3.4M13.8 10.4v3.4h-3.4M5.6 13.8H2.2v-3.4 M5.4 5.4h5.2v5.2H5.4z" />
  ),
  layout: (
    <>
      <rect x="6" y="1.8" width="4" height="3.2" rx="0.8" />
      <rect x="1.8" y="11" width="4" height="3.2" rx="0.8" />
      <rect x="10.2" y="11" width="4" height="3.2" rx="0.8" />
      <path d="M8 5v3M3.8 11V8h8.4v3" />
    </>
  ),
  present: (
    <>
      <rect x="1.8" y="2.4" width="12.4" height="8.6" rx="1" />
      <path d="M8 11v2.6M5.4 13.8h5.2M6.6 5l3 1.7-3 1.7z" />
    </>
  ),
  picture: (
    <>
      <rect x="1.8" y="2.6" width="12.4" height="10.8" rx="1.2" />
      <path d="M2.4 11.6l3.6-3.6 2.6 2.6 1.8-1.8 3.2 3.2" />
      <circle cx="10.6" cy="5.8" r="1.2" />
    </>
  ),
  minimap: (
    <>
      <rect x="1.8" y="2.8" width="12.4" height="10.4" rx="1.2" />
      <rect x="8.4" y="8" width="4" height="3.4" rx="0.6" />
    </>
  ),
  sun: (
    <>
      <circle cx="8" cy="8" r="3" />
      <path d="M8 1.2v1.6M8 13.2v1.6M1.2 8h1.6M13.2 8h1.6M3.2 3.2l1.1 1.1M11.7 11.7l1.1 1.1M3.2 12.8l1.1-1.1M11.7 4.3l1.1-1.1" />
    </>
  ),
  moon: <path d="M13.4 9.6A5.8 5.8 0 0 1 6.4 2.6a5.8 5.8 0 1 0 7 7z" />,
  command: (
    <>
      <circle cx="7" cy="7" r="4.6" />
      <path d="M10.4 10.4l3.6 3.6" />
    </>
  ),
  close: <path d="M4 4l8 8M12 4l-8 8" />,
  chevron: <path d="M4.5 6.2L8 9.8l3.5-3.6" />,
  user: (
    <>
      <circle cx="8" cy="5.4" r="2.8" />
      <path d="M2.8 14c.6-2.8 2.7-4.2 5.2-4.2s4.6 1.4 5.2 4.2" />
    </>
  ),
  taint: <path d="M8 1.8l5 1.9v4.1c0 3.1-2.1 5.4-5 6.4-2.9-1-5-3.3-5-6.4V3.7z M8 5v3.4M8 10.6v.1" />,
  blast: (
    <path d="M8 1.6l1.3 3.6 3.4-1.7-1.6 3.5 3.4 1.3-3.6 1.2 1.6 3.6-3.5-1.7L8 14.4l-1.2-3.6-3.5 1.7 1.6-3.6-3.6-1.2 3.4-1.3-1.6-3.5 3.4 1.7z" />
  ),
  problems: (
    <>
      <path d="M8 2.2l6 10.8H2z" />
      <path d="M8 6.4v3M8 11.2v.1" />
    </>
  ),
  cost: (
    <>
      <circle cx="8" cy="8" r="6" />
      <path d="M9.9 5.8C9.5 5.2 8.8 4.9 8 4.9c-1.1 0-2 .6-2 1.5 0 2 4 1.2 4 3.2 0 .9-.9 1.5-2 1.5-.8 0-1.6-.3-2-1M8 3.8v1.1M8 11.1v1.1" />
    </>
  ),
  database: (
    <>
      <ellipse cx="8" cy="3.8" rx="5" ry="2" />
      <path d="M3 3.8v8.4c0 1.1 2.2 2 5 2s5-.9 5-2V3.8M3 8c0 1.1 2.2 2 5 2s5-.9 5-2" />
    </>
  ),
};

export function Icon({ name, size = 16, className }: { name: IconName; size?: number; className?: string }) {
  return (
    <svg
      className={className ? `icon ${className}` : 'icon'}
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.4"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      {PATHS[name]}
    </svg>
  );
}
