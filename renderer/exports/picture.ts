// Pictures of the design: the whole diagram (every element, not only what the canvas shows) drawn as SVG
// from the canvas geometry, the same boxes, nesting and names as on screen, with dependencies as arrows
// and, optionally, a legend of costs under it. SVG stays crisp on a projector and in documents, and its
// text can be searched; PNG is the same SVG rasterised at twice its size (`svgToPng`, browser only).
// The presentation's diagram slide draws the same SVG.
import { findElement } from '../../shared/model/elements';
import type { TopologyDocument } from '../../shared/model/schema';
import type { CostReport } from '../../shared/cost/types';
import { compactMoney } from '../analysis/format';
import type { Box, NodeKind } from '../canvas/geometry';
import { computeGeometry } from '../canvas/geometry';

/** The colours of a picture; light for documents, dark to match the app's dark theme. */
export type PictureTheme = 'light' | 'dark';

interface Palette {
  readonly background: string;
  readonly text: string;
  readonly muted: string;
  readonly edge: string;
  readonly kinds: Readonly<Record<NodeKind, { readonly stroke: string; readonly fill: string }>>;
}

const PALETTES: Readonly<Record<PictureTheme, Palette>> = {
  light: {
    background: '#ffffff',
    text: '#1d2433',
    muted: '#5b6577',
    edge: '#7a8699',
    kinds: {
      region: { stroke: '#64748b', fill: '#f8fafc' },
      zone: { stroke: '#94a3b8', fill: '#eef2f7' },
      cluster: { stroke: '#2f6fed', fill: '#f3f7ff' },
      nodePool: { stroke: '#6d5bd0', fill: '#ffffff' },
      fleet: { stroke: '#0e8a8a', fill: '#f2fbfa' },
      workload: { stroke: '#94a3b8', fill: '#ffffff' },
    },
  },
  dark: {
    background: '#11151c',
    text: '#e6e9ef',
    muted: '#9aa4b5',
    edge: '#7d8799',
    kinds: {
      region: { stroke: '#8592a6', fill: '#151a22' },
      zone: { stroke: '#5d6878', fill: '#1d2430' },
      cluster: { stroke: '#5b8dff', fill: '#161d2b' },
      nodePool: { stroke: '#9a8cf0', fill: '#1a1d29' },
      fleet: { stroke: '#2fb5b0', fill: '#13211f' },
      workload: { stroke: '#5d6878', fill: '#1b212b' },
    },
  },
};

/** What the cost legend says: the total (and whether it is complete), the largest parts, the catalog. */
export interface CostLegend {
  readonly title: string;
  readonly total: string;
  readonly note: string | null;
  readonly rows: readonly { readonly label: string; readonly amount: string }[];
  readonly footer: string;
}

/** Parts of the design the legend lists at most (the rest are summed in one row). */
export const LEGEND_ROWS = 8;

/** The cost legend of a report: monthly total, the largest clusters and fleets, the catalog and date. */
export function costLegend(report: CostReport, date: string): CostLegend {
  const currency = report.currency;
  const { grand, infrastructure } = report.totals;
  const groups = report.byCluster
    .filter((group) => group.expected > 0 || !group.complete)
    .slice()
    .sort((a, b) => b.expected - a.expected);
  const shown = groups.slice(0, LEGEND_ROWS);
  const rest = groups.slice(LEGEND_ROWS);
  const amount = (expected: number, complete: boolean) =>
    `${compactMoney(expected, currency)}/mo${complete ? '' : ' (incomplete)'}`;
  const rows = shown.map((group) => ({ label: group.label, amount: amount(group.expected, group.complete) }));
  if (rest.length > 0) {
    rows.push({
      label: `${rest.length} more`,
      amount: amount(
        rest.reduce((sum, group) => sum + group.expected, 0),
        rest.every((group) => group.complete),
      ),
    });
  }
  return {
    title: `${report.documentName}: monthly cost`,
    total: `${amount(grand.expected, grand.complete)} expected, ${compactMoney(grand.maximum, currency)}/mo maximum`,
    note: grand.complete
      ? null
      : `incomplete: ${grand.unpriced} line${grand.unpriced === 1 ? '' : 's'} without a price, not in the totals`,
    rows: [
      ...rows,
      { label: 'infrastructure in all', amount: amount(infrastructure.expected, infrastructure.complete) },
      ...(report.totals.engineering.items > 0
        ? [{ label: 'engineering time', amount: amount(report.totals.engineering.expected, true) }]
        : []),
    ],
    footer: `Prices: catalog ${report.catalog.id} of ${report.catalog.generatedAt.slice(0, 10)}; drawn ${date}`,
  };
}

/** An SVG picture with its size in CSS pixels. */
export interface Picture {
  readonly svg: string;
  readonly width: number;
  readonly height: number;
}

const MARGIN = 32;
const LEGEND_LINE = 22;

/** Text made safe for SVG element content and attribute values. */
export function escapeXml(text: string): string {
  let out = '';
  for (const c of text) {
    const code = c.codePointAt(0)!;
    // XML 1.0 allows no control characters but tab, line feed and carriage return.
    if (code < 0x20 && c !== '\t' && c !== '\n' && c !== '\r') continue;
    out += XML_ENTITIES[c] ?? c;
  }
  return out;
}

const XML_ENTITIES: Readonly<Record<string, string>> = {
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
  '"': '&quot;',
  "'": '&apos;',
};

/** The name an element shows, or its id when it has none. */
function nameOf(doc: TopologyDocument, id: string): string {
  const found = findElement(doc, id);
  if (!found) return id;
  const element = found.element as { name?: string; zoneName?: string };
  return element.zoneName ?? element.name ?? id;
}

/** Text cut to what fits a box of `width` pixels at `size`-pixel type (an estimate: 0.56 em a character). */
function fit(text: string, width: number, size: number): string {
  const max = Math.max(1, Math.floor(width / (size * 0.56)));
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

/**
 * The whole diagram as SVG: containers and nodes as rounded boxes in their kinds' colours with their names,
 * dependencies as arrows between workloads (soft ones dashed), and the legend below when one is given.
 */
export function diagramSvg(
  doc: TopologyDocument,
  options: { readonly theme?: PictureTheme; readonly legend?: CostLegend | null } = {},
): Picture {
  const palette = PALETTES[options.theme ?? 'light'];
  const geometry = computeGeometry(doc);
  const boxes = geometry.order.map((id) => geometry.boxes.get(id)!);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const box of boxes) {
    minX = Math.min(minX, box.absX);
    minY = Math.min(minY, box.absY);
    maxX = Math.max(maxX, box.absX + box.width);
    maxY = Math.max(maxY, box.absY + box.height);
  }
  if (boxes.length === 0) minX = minY = maxX = maxY = 0;
  const ox = MARGIN - minX;
  const oy = MARGIN - minY;
  const diagramWidth = maxX - minX;
  const diagramHeight = maxY - minY;
  const legend = options.legend ?? null;
  const legendLines = legend ? 3 + legend.rows.length + (legend.note ? 1 : 0) : 0;
  const legendHeight = legend ? legendLines * LEGEND_LINE + 24 : 0;
  const width = Math.ceil(Math.max(diagramWidth, legend ? 560 : 0) + 2 * MARGIN);
  const height = Math.ceil(diagramHeight + 2 * MARGIN + (legend ? legendHeight + MARGIN / 2 : 0));

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Inter, 'Segoe UI', Helvetica, Arial, sans-serif">`,
    `<title>${escapeXml(doc.metadata.name)}</title>`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${palette.edge}"/></marker></defs>`,
    `<rect width="${width}" height="${height}" fill="${palette.background}"/>`,
  );
  for (const box of boxes) out.push(boxSvg(doc, box, ox, oy, palette));
  for (const dependency of doc.spec.dependencies) {
    const from = geometry.boxes.get(dependency.from);
    const to = geometry.boxes.get(dependency.to);
    if (!from || !to) continue;
    const x1 = from.absX + from.width + ox;
    const y1 = from.absY + from.height / 2 + oy;
    const x2 = to.absX + ox;
    const y2 = to.absY + to.height / 2 + oy;
    const bend = Math.max(40, Math.abs(x2 - x1) / 2);
    out.push(
      `<path class="dependency" data-id="${escapeXml(dependency.id)}" d="M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}" fill="none" stroke="${palette.edge}" stroke-width="1.4"${dependency.type === 'soft' ? ' stroke-dasharray="6 4"' : ''} marker-end="url(#arrow)"/>`,
    );
  }
  if (legend) out.push(legendSvg(legend, MARGIN, diagramHeight + MARGIN * 1.5, palette));
  out.push('</svg>');
  return { svg: out.join('\n'), width, height };
}

function boxSvg(doc: TopologyDocument, box: Box, ox: number, oy: number, palette: Palette): string {
  const colours = palette.kinds[box.kind];
  const x = box.absX + ox;
  const y = box.absY + oy;
  const name = nameOf(doc, box.id);
  const leaf = box.kind === 'workload' || box.kind === 'zone';
  const size = leaf ? 12 : box.kind === 'region' ? 18 : 14;
  const radius = box.kind === 'zone' ? 13 : 8;
  const textX = x + (leaf ? 10 : 12);
  const textY = leaf ? y + box.height / 2 + size * 0.35 : y + 12 + size;
  return [
    `<g class="node node-${box.kind}" data-id="${escapeXml(box.id)}">`,
    `<rect x="${x}" y="${y}" width="${box.width}" height="${box.height}" rx="${radius}" fill="${colours.fill}" stroke="${colours.stroke}" stroke-width="${leaf ? 1 : 1.5}"/>`,
    `<text x="${textX}" y="${textY}" font-size="${size}" font-weight="${leaf ? 500 : 650}" fill="${palette.text}">${escapeXml(fit(name, box.width - 20, size))}</text>`,
    '</g>',
  ].join('');
}

function legendSvg(legend: CostLegend, x: number, top: number, palette: Palette): string {
  const lines: string[] = [`<g class="legend">`];
  let y = top + LEGEND_LINE;
  const text = (
    content: string,
    at: number,
    options: { size?: number; weight?: number; fill?: string } = {},
  ) =>
    `<text x="${at}" y="${y}" font-size="${options.size ?? 14}" font-weight="${options.weight ?? 400}" fill="${options.fill ?? palette.text}">${escapeXml(content)}</text>`;
  lines.push(text(legend.title, x, { size: 16, weight: 700 }));
  y += LEGEND_LINE;
  lines.push(text(legend.total, x, { size: 15, weight: 600 }));
  if (legend.note) {
    y += LEGEND_LINE;
    lines.push(text(legend.note, x, { fill: '#b45309' }));
  }
  for (const row of legend.rows) {
    y += LEGEND_LINE;
    lines.push(text(row.label, x + 12), text(row.amount, x + 360, { weight: 600 }));
  }
  y += LEGEND_LINE;
  lines.push(text(legend.footer, x, { size: 12, fill: palette.muted }));
  lines.push('</g>');
  return lines.join('');
}

/** The file name of a picture of a document, e.g. `ott-streaming-platform.png`. */
export function pictureFileName(documentName: string, extension: 'png' | 'svg'): string {
  const slug = documentName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${slug || 'topology'}.${extension}`;
}

/** The bytes of a `data:` URL (base64 or percent-encoded). */
export function dataUrlBytes(url: string): Uint8Array {
  const comma = url.indexOf(',');
  if (!url.startsWith('data:') || comma < 0) throw new Error('not a data: URL');
  const body = url.slice(comma + 1);
  if (url.slice(0, comma).endsWith(';base64')) {
    const binary = atob(body);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }
  return new TextEncoder().encode(decodeURIComponent(body));
}

/** Largest side of a PNG in pixels: browsers refuse bigger canvases, so a huge design is drawn smaller. */
export const MAX_PNG_SIDE = 16_384;

/** The scale a picture is rasterised at: `wanted`, or less so that neither side passes MAX_PNG_SIDE. */
export function pngScale(picture: Pick<Picture, 'width' | 'height'>, wanted = 2): number {
  return Math.min(wanted, MAX_PNG_SIDE / picture.width, MAX_PNG_SIDE / picture.height);
}

/** A picture as PNG bytes, drawn by the browser at `pngScale` (browser only: an image and a canvas). */
export async function svgToPng(picture: Picture): Promise<Uint8Array> {
  const scale = pngScale(picture);
  const image = new Image();
  const loaded = new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error('the picture could not be drawn'));
  });
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(picture.svg)}`;
  await loaded;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(picture.width * scale);
  canvas.height = Math.round(picture.height * scale);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('this browser cannot draw pictures');
  context.scale(scale, scale);
  context.drawImage(image, 0, 0, picture.width, picture.height);
  return dataUrlBytes(canvas.toDataURL('image/png'));
}
