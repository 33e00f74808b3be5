// The inspector: one field per property of the selected element, found by its dotted path
// (`inspector-field-<path>`, its message `inspector-error-<path>`), and the instance type picker.
import type { Locator, Page } from '@playwright/test';

export type FieldValue = string | number | boolean;

export class InspectorPage {
  readonly root: Locator;
  readonly instancePicker: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('inspector');
    this.instancePicker = page.getByTestId('instance-picker');
  }

  field(path: string): Locator {
    return this.page.getByTestId(`inspector-field-${path}`);
  }

  error(path: string): Locator {
    return this.page.getByTestId(`inspector-error-${path}`);
  }

  /** The control of a field: the element itself when it is one, else the first control inside it. */
  control(path: string): Locator {
    const field = this.field(path);
    return field
      .locator('xpath=self::input | self::select | self::textarea')
      .or(field.locator('input, select, textarea').first());
  }

  /**
   * Sets a field the way a user does: types into a text or number box and commits it (Enter, then the
   * field loses focus), picks an option of a select, ticks or clears a checkbox.
   */
  async setField(path: string, value: FieldValue): Promise<void> {
    const control = this.control(path).first();
    await control.waitFor({ state: 'visible' });
    const tag = await control.evaluate((element) => element.tagName.toLowerCase());
    const type = await control.getAttribute('type');
    if (tag === 'select') {
      await control.selectOption(String(value));
    } else if (type === 'checkbox' || type === 'radio') {
      await control.setChecked(Boolean(value));
    } else {
      await control.fill(String(value));
      await control.press('Enter');
      await control.blur();
    }
  }

  /** The value a field shows now. */
  async value(path: string): Promise<string> {
    const control = this.control(path).first();
    const type = await control.getAttribute('type');
    if (type === 'checkbox' || type === 'radio') return String(await control.isChecked());
    return control.inputValue();
  }

  /**
   * Chooses an instance type in the catalog picker of a field: searches for it, then either replaces the
   * list with it (`replace`, a pool) or clicks its row (adds it to a pool's list; a fleet's one type),
   * and closes the picker if it is still open.
   */
  async pickInstanceType(
    path: string,
    type: string,
    options: { readonly replace?: boolean } = {},
  ): Promise<void> {
    await this.field(path).click();
    await this.instancePicker.waitFor({ state: 'visible' });
    await this.page.getByTestId('instance-picker-filter-search').fill(type);
    if (options.replace) await this.page.getByTestId(`instance-picker-replace-${type}`).click();
    else await this.page.getByTestId(`instance-picker-row-${type}`).click();
    if (await this.instancePicker.isVisible()) await this.page.getByTestId('instance-picker-close').click();
    await this.instancePicker.waitFor({ state: 'hidden' });
  }
}
