// One `view.show:<id>` command per registered view (Mod+1 ... Mod+9 in tab order), so menus, shortcuts and
// the command palette switch views like every other action.
import type { AppServices } from '../app/services';
import type { CommandRegistry } from '../commands/registry';
import { workspaceViews } from './registry';

/** Registers the view commands; call after every view is registered. */
export function registerViewCommands(registry: CommandRegistry<AppServices>): void {
  workspaceViews().forEach((view, index) => {
    registry.register({
      id: `view.show:${view.id}`,
      title: `Show ${view.title}`,
      category: 'View',
      ...(index < 9 ? { keybinding: `Mod+${index + 1}` } : {}),
      run: (ctx) => ctx.store.getState().setView(view.id),
    });
  });
}
