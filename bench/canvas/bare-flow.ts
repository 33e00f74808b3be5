// What the benchmark hands the bare React Flow page: absolute boxes (the app's own geometry of the design),
// the dependencies as edges, and the size of the app's canvas so both panes fit the same area.

export interface BareBox {
  readonly id: string;
  readonly kind: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface BareFlow {
  readonly nodes: readonly BareBox[];
  readonly edges: readonly { readonly id: string; readonly source: string; readonly target: string }[];
  readonly pane: { readonly width: number; readonly height: number };
}
