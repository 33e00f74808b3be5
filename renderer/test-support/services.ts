// Services for tests: the fake host, the shipped catalog, an in-memory clipboard and dialogs answered by
// a function the test sets.
import type { AppServices } from '../app/services';
import { createAppServices } from '../app/services';
import type { ChooseOptions, ConfirmOptions, DialogService } from '../app/dialogs';
import type { ClipboardService } from '../commands/clipboard';
import type { StoreOptions } from '../store/app-store';
import { testCatalog } from './catalog';
import type { FakeHost } from './fake-host';
import { createFakeHost } from './fake-host';

export interface TestDialogs extends DialogService {
  readonly asked: (ConfirmOptions | ChooseOptions)[];
  /** How confirmations are answered (default: yes). */
  confirmAnswer: boolean;
  /** How choices are answered (default: the first choice). */
  chooseAnswer: (options: ChooseOptions) => string | null;
}

export function createTestDialogs(): TestDialogs {
  const dialogs: TestDialogs = {
    asked: [],
    confirmAnswer: true,
    chooseAnswer: (options) => options.choices[0]?.id ?? null,
    async confirm(options) {
      dialogs.asked.push(options);
      return dialogs.confirmAnswer;
    },
    async choose(options) {
      dialogs.asked.push(options);
      return dialogs.chooseAnswer(options);
    },
    answer() {},
  };
  return dialogs;
}

export function createMemoryClipboard(): ClipboardService & { text: string | undefined } {
  const clipboard = {
    text: undefined as string | undefined,
    async writeText(text: string) {
      clipboard.text = text;
    },
    async readText() {
      return clipboard.text;
    },
  };
  return clipboard;
}

export interface TestServices extends AppServices {
  readonly host: FakeHost;
  readonly dialogs: TestDialogs;
  readonly clipboard: ClipboardService & { text: string | undefined };
}

export function createTestServices(options: StoreOptions = {}): TestServices {
  let key = 0;
  const host = createFakeHost();
  const dialogs = createTestDialogs();
  const clipboard = createMemoryClipboard();
  const services = createAppServices({
    ...options,
    host,
    catalog: testCatalog(),
    dialogs,
    clipboard,
    mac: false,
    newKey: () => `key-${++key}`,
  });
  return services as TestServices;
}
