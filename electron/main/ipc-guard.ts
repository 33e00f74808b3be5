// The checks main runs on every IPC message before a handler sees it, as plain functions of plain inputs
// so that tests cover them without Electron: the channel is in the contract, the sender is the main frame
// of our window showing our app, the payload matches the channel's schema. Failures become
// `{ ok: false, error }` answers; nothing throws back across IPC.
import type { HostError, HostResult, InvokeChannel, InvokeResult, ValidRequest } from '../ipc/contract';
import { INVOKE_REQUESTS, IPC_ERRORS } from '../ipc/contract';
import type { AppOrigin } from './security';
import { isAppUrl } from './security';

/** Who sent a message, as ipc-handlers.ts reads it off `event.senderFrame`; null when the frame is gone. */
export interface IpcSender {
  /** URL of the sending frame. */
  readonly url: string;
  /** True only when the frame is the main frame of our own window's web contents. */
  readonly isMainFrameOfAppWindow: boolean;
}

export interface IpcMessage {
  readonly channel: string;
  readonly sender: IpcSender | null;
  /** Every argument after the channel; the contract allows at most one (the request payload). */
  readonly args: readonly unknown[];
}

export type GuardResult =
  | { readonly ok: true; readonly channel: InvokeChannel; readonly request: unknown }
  | { readonly ok: false; readonly error: HostError };

export function isInvokeChannel(channel: string): channel is InvokeChannel {
  return Object.hasOwn(INVOKE_REQUESTS, channel);
}

/** Checks channel, sender and payload of one message. */
export function checkIpcMessage(message: IpcMessage, origins: readonly AppOrigin[]): GuardResult {
  const { channel, sender, args } = message;
  if (typeof channel !== 'string' || !isInvokeChannel(channel)) {
    return fail(
      IPC_ERRORS.unknownChannel,
      `"${String(channel).slice(0, 80)}" is not an IPC channel of this app`,
    );
  }
  if (!sender) return fail(IPC_ERRORS.untrustedSender, `${channel}: the sending frame is gone`);
  if (!sender.isMainFrameOfAppWindow) {
    return fail(IPC_ERRORS.untrustedSender, `${channel}: only the app window's main frame may call the host`);
  }
  if (!isAppUrl(sender.url, origins)) {
    return fail(IPC_ERRORS.untrustedSender, `${channel}: the sending page is not the app`);
  }
  if (args.length > 1) {
    return fail(IPC_ERRORS.invalidPayload, `${channel}: expected one request, got ${args.length} arguments`);
  }
  const parsed = INVOKE_REQUESTS[channel].safeParse(args[0]);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
    return fail(
      IPC_ERRORS.invalidPayload,
      `${channel}: invalid request (${where}${issue?.message ?? 'invalid'})`,
    );
  }
  return { ok: true, channel, request: parsed.data };
}

/** A handler per invoke channel; it answers a HostResult (a throw is turned into `ipc.internal-error`). */
export type InvokeHandlers<Context> = {
  readonly [C in InvokeChannel]: (request: ValidRequest<C>, context: Context) => Promise<InvokeResult<C>>;
};

export type IpcDispatcher<Context> = (message: IpcMessage, context: Context) => Promise<HostResult<unknown>>;

/**
 * The function ipc-handlers.ts calls for every message: guard, then handler, then a HostResult whatever
 * happened. `report` hears about refused messages and handler failures (main logs them).
 */
export function createIpcDispatcher<Context>(
  handlers: InvokeHandlers<Context>,
  origins: () => readonly AppOrigin[],
  report: (channel: string, problem: HostError, cause?: unknown) => void = () => {},
): IpcDispatcher<Context> {
  return async (message, context) => {
    const checked = checkIpcMessage(message, origins());
    if (!checked.ok) {
      report(String(message.channel), checked.error);
      return checked;
    }
    const handler = handlers[checked.channel] as (
      request: unknown,
      context: Context,
    ) => Promise<HostResult<unknown>>;
    try {
      return await handler(checked.request, context);
    } catch (error) {
      const result = fail(IPC_ERRORS.internal, `${checked.channel}: the host failed unexpectedly`);
      report(checked.channel, result.error, error);
      return result;
    }
  };
}

export function fail(code: string, message: string): { readonly ok: false; readonly error: HostError } {
  return { ok: false, error: { code, message } };
}
