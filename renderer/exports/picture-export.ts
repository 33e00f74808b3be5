// Saving a picture of the design through the host (a save dialog in Electron, a download in the browser),
// with the cost legend when the session asks for it (`pictureLegend`).
import type { AppServices } from '../app/services';
import type { Picture, PictureTheme } from './picture';
import { costLegend, diagramSvg, pictureFileName, svgToPng } from './picture';

/** Today as `YYYY-MM-DD` (the legend says when the picture was drawn). */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The picture of the open document in a theme, with the legend when the session asks for it. */
export function currentPicture(services: AppServices, theme: PictureTheme): Picture {
  const state = services.store.getState();
  state.flushAnalysis();
  const { doc, analysis, pictureLegend } = services.store.getState();
  const legend = pictureLegend && analysis.cost ? costLegend(analysis.cost, today()) : null;
  return diagramSvg(doc, { theme, legend });
}

/** Exports the diagram as PNG or SVG; says in a toast what was saved or why it was not. */
export async function exportPicture(
  services: AppServices,
  format: 'png' | 'svg',
  theme: PictureTheme,
): Promise<void> {
  const { showToast } = services.store.getState();
  try {
    const picture = currentPicture(services, theme);
    const data = format === 'svg' ? picture.svg : await svgToPng(picture);
    const result = await services.host.exportFile({
      suggestedName: pictureFileName(services.store.getState().doc.metadata.name, format),
      mimeType: format === 'svg' ? 'image/svg+xml' : 'image/png',
      data,
    });
    if (!result.ok) showToast({ kind: 'error', message: result.error.message });
    else if (result.value)
      showToast({ kind: 'success', message: `Exported ${format.toUpperCase()}: ${result.value.name}` });
  } catch (error) {
    showToast({
      kind: 'error',
      message: `The picture could not be made: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
}
