// The diagram slide: the whole design drawn as the exported SVG picture (crisp at any projector size),
// without the cost legend: the cost slide follows.
import { useMemo } from 'react';
import { useAppStore } from '../app/context';
import { effectiveTheme } from '../commands/app-commands';
import { diagramSvg } from '../exports/picture';

export function DiagramSlide() {
  const doc = useAppStore((s) => s.doc);
  const theme = effectiveTheme(useAppStore((s) => s.theme));
  const picture = useMemo(() => diagramSvg(doc, { theme }), [doc, theme]);
  const src = useMemo(() => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(picture.svg)}`, [picture]);
  return (
    <div className="diagram-slide" data-testid="diagram-slide">
      <h1 className="slide-heading">{doc.metadata.name}</h1>
      {doc.metadata.description && <p className="slide-subheading">{doc.metadata.description}</p>}
      <img className="diagram-slide-picture" src={src} alt={`The design of ${doc.metadata.name}`} />
    </div>
  );
}
