// Undo history as data (STYLE.md section 4): every entry holds the command that undoes it, the command
// that redoes it, a label a user reads and a stable code. A gesture (a drag, a resize) runs many commands;
// their inverses are squashed into one restore so the whole gesture is one undo step.
import type { Change, Command } from '../../shared/model/commands';

export interface HistoryEntry {
  /** Unique within a store; the save point refers to it. */
  readonly id: number;
  readonly inverse: Command;
  readonly redo: Command;
  /** What the user reads in menus and tooltips, e.g. `Add node pool "api"`. */
  readonly label: string;
  /** Stable identifier of what was done, e.g. `model.add`, `layout.set`. */
  readonly code: string;
}

/** The identity of the state a change sets: applying changes to different slots commutes. */
function slotOf(change: Change): string {
  switch (change.op) {
    case 'put':
      return `element:${change.kind}:${change.element.id}`;
    case 'remove':
      return `element:${change.kind}:${change.id}`;
    case 'layout':
      return `layout:${change.id}`;
    case 'settings':
      return 'settings';
    case 'metadata':
      return 'metadata';
    case 'spec':
      return 'spec';
    case 'scenarios':
      return 'scenarios';
  }
}

/**
 * One restore that undoes a run of commands, given their inverses in the order the commands ran.
 * Each change sets one slot (an element, a layout entry, the settings, the metadata) to a value, so only
 * the last write to a slot matters: a drag of a thousand steps keeps one layout change per moved node.
 */
export function squashInverses(inverses: readonly Command[], code: string, label: string): Command {
  const sequence: Change[] = [];
  for (let i = inverses.length - 1; i >= 0; i--) {
    const inverse = inverses[i]!;
    if (inverse.type !== 'restore') throw new Error(`an inverse must be a restore, not ${inverse.type}`);
    sequence.push(...inverse.changes);
  }
  // A whole-spec change (switching to a scenario) overlaps every element slot: keep the run as it is.
  if (sequence.some((change) => change.op === 'spec'))
    return { type: 'restore', code, label, changes: sequence };
  const last = new Map<string, number>();
  sequence.forEach((change, index) => last.set(slotOf(change), index));
  const changes = sequence.filter((change, index) => last.get(slotOf(change)) === index);
  return { type: 'restore', code, label, changes };
}
