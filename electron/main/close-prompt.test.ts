import { describe, expect, it } from 'vitest';
import { closeChoice, closePromptOptions } from './close-prompt';

describe('close prompt', () => {
  it('offers Save, Don’t save and Cancel, with Save the default and Cancel the escape', () => {
    const options = closePromptOptions('prod.topo.yaml', 'linux');
    expect(options.buttons).toEqual(['Save', 'Don’t save', 'Cancel']);
    expect(options.defaultId).toBe(0);
    expect(options.cancelId).toBe(2);
    expect(options.message).toContain('“prod.topo.yaml”');
    expect(closePromptOptions('', 'darwin').message).toContain('this design');
  });

  it('maps the answer, and anything unexpected to cancel', () => {
    expect([0, 1, 2, 3, -1].map(closeChoice)).toEqual(['save', 'discard', 'cancel', 'cancel', 'cancel']);
  });
});
