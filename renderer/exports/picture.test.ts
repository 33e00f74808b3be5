// Pictures of the design: the SVG drawn from the canvas geometry, the cost legend, file names and bytes.
import { describe, expect, it } from 'vitest';
import { estimateCost } from '../../shared/cost/estimate';
import { computeGeometry } from '../canvas/geometry';
import { testCatalog } from '../test-support/catalog';
import { loadTemplate, smallDocument } from '../test-support/documents';
import {
  LEGEND_ROWS,
  MAX_PNG_SIDE,
  costLegend,
  dataUrlBytes,
  diagramSvg,
  escapeXml,
  pictureFileName,
  pngScale,
} from './picture';

describe('diagramSvg', () => {
  it('draws every element of the design with its name, and every dependency', () => {
    const doc = loadTemplate('ott');
    const { svg, width, height } = diagramSvg(doc);
    const geometry = computeGeometry(doc);
    expect(svg.match(/<g class="node /g)).toHaveLength(geometry.order.length);
    expect(svg.match(/<path class="dependency"/g)).toHaveLength(doc.spec.dependencies.length);
    for (const cluster of doc.spec.clusters) expect(svg).toContain(escapeXml(cluster.name).slice(0, 10));
    expect(svg).toContain(`width="${width}" height="${height}"`);
    expect(width).toBeGreaterThan(0);
    expect(height).toBeGreaterThan(0);
  });

  it('keeps the diagram inside the picture, with a margin', () => {
    const { svg, width, height } = diagramSvg(smallDocument());
    for (const match of svg.matchAll(
      /<rect x="([\d.-]+)" y="([\d.-]+)" width="([\d.]+)" height="([\d.]+)"/g,
    )) {
      const [x, y, w, h] = match.slice(1).map(Number) as [number, number, number, number];
      expect(x).toBeGreaterThanOrEqual(0);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(x + w).toBeLessThanOrEqual(width);
      expect(y + h).toBeLessThanOrEqual(height);
    }
  });

  it('escapes names so that any text gives a well-formed picture', () => {
    const doc = smallDocument();
    const named = { ...doc, metadata: { ...doc.metadata, name: '<script>&"x"' } };
    const { svg } = diagramSvg(named);
    expect(svg).toContain('<title>&lt;script&gt;&amp;&quot;x&quot;</title>');
    expect(escapeXml('a\u0001b<')).toBe('ab&lt;');
  });

  it('adds the cost legend under the diagram when asked, and draws dark pictures for the dark theme', () => {
    const doc = loadTemplate('ott');
    const report = estimateCost(doc, testCatalog());
    const legend = costLegend(report, '2026-11-22');
    const plain = diagramSvg(doc);
    const withLegend = diagramSvg(doc, { legend, theme: 'dark' });
    expect(withLegend.height).toBeGreaterThan(plain.height);
    expect(withLegend.svg).toContain(escapeXml(legend.total));
    expect(withLegend.svg).toContain('2026-11-22');
    expect(withLegend.svg).toContain('#11151c');
    expect(plain.svg).not.toContain('class="legend"');
  });
});

describe('costLegend', () => {
  it('gives the total, says when it is incomplete, and lists the largest clusters first', () => {
    const doc = loadTemplate('ott');
    const report = estimateCost(doc, testCatalog());
    const legend = costLegend(report, '2026-11-22');
    expect(legend.total).toMatch(/^\$[\d.]+[kM]?\/mo/);
    if (!report.totals.grand.complete) expect(legend.note).toMatch(/^incomplete: \d+ line/);
    const clusterRows = legend.rows.slice(0, Math.min(LEGEND_ROWS, report.byCluster.length));
    expect(clusterRows[0]!.label).toBe(
      [...report.byCluster].sort((a, b) => b.expected - a.expected)[0]!.label,
    );
    expect(legend.footer).toContain(report.catalog.id);
  });
});

describe('files and bytes', () => {
  it('names pictures after the document', () => {
    expect(pictureFileName('OTT streaming platform', 'png')).toBe('ott-streaming-platform.png');
    expect(pictureFileName('Plateforme télé', 'svg')).toBe('plateforme-tele.svg');
    expect(pictureFileName('***', 'svg')).toBe('topology.svg');
  });

  it('reads the bytes of base64 and percent-encoded data URLs, and refuses anything else', () => {
    expect([...dataUrlBytes('data:image/png;base64,iVBORw==')]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(new TextDecoder().decode(dataUrlBytes('data:image/svg+xml,%3Csvg%2F%3E'))).toBe('<svg/>');
    expect(() => dataUrlBytes('https://example.com/x.png')).toThrow('not a data: URL');
  });

  it('draws PNGs at twice the size unless that passes what browsers can draw', () => {
    expect(pngScale({ width: 1000, height: 800 })).toBe(2);
    expect(pngScale({ width: 20_000, height: 1000 })).toBeCloseTo(MAX_PNG_SIDE / 20_000);
  });
});
