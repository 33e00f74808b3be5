// @vitest-environment happy-dom
// Copy, cut and paste through the DOM clipboard events, as the keyboard and Electron's Edit menu raise them.
import { afterEach, describe, expect, it } from 'vitest';
import { findElement, getElement } from '../../shared/model/elements';
import { smallDocument } from '../test-support/documents';
import { createTestServices } from '../test-support/services';
import { installClipboardEvents } from './clipboard-events';

let stop = () => {};
afterEach(() => {
  stop();
  document.body.innerHTML = '';
});

/** Raises a clipboard event the way the browser does, with a data transfer to read or fill. */
function raise(type: 'copy' | 'cut' | 'paste', text = ''): { event: Event; data: DataTransfer } {
  const data = new DataTransfer();
  if (text) data.setData('text/plain', text);
  const event = new Event(type, { bubbles: true, cancelable: true });
  Object.defineProperty(event, 'clipboardData', { value: data });
  document.dispatchEvent(event);
  return { event, data };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('clipboard events', () => {
  it('copies the selected elements as text and pastes them with new ids', async () => {
    const services = createTestServices({ document: smallDocument() });
    stop = installClipboardEvents(services);
    services.store.getState().setSelection(['web']);
    const copied = raise('copy');
    expect(copied.event.defaultPrevented).toBe(true);
    const text = copied.data.getData('text/plain');
    expect(text).toContain('topology-designer.dev/clipboard');
    services.store.getState().setSelection(['edge-general']);
    const pasted = raise('paste', text);
    expect(pasted.event.defaultPrevented).toBe(true);
    await flush();
    expect(getElement(services.store.getState().doc, 'workload', 'web-2')).toMatchObject({
      nodePool: 'edge-general',
      cluster: 'edge',
    });
  });

  it('cut copies and deletes', async () => {
    const services = createTestServices({ document: smallDocument() });
    stop = installClipboardEvents(services);
    services.store.getState().setSelection(['video']);
    const { data } = raise('cut');
    await flush();
    expect(data.getData('text/plain')).toContain('video');
    expect(findElement(services.store.getState().doc, 'video')).toBeUndefined();
  });

  it('leaves text fields to the browser', () => {
    const services = createTestServices({ document: smallDocument() });
    stop = installClipboardEvents(services);
    services.store.getState().setSelection(['web']);
    const input = document.createElement('input');
    document.body.append(input);
    input.focus();
    expect(raise('copy').event.defaultPrevented).toBe(false);
    expect(raise('paste', 'hello').event.defaultPrevented).toBe(false);
    expect(services.store.getState().undoStack).toHaveLength(0);
  });
});
