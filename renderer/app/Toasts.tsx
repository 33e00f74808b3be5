// Toasts: what the app wants the user to know (a refused command, a save, a file that would not open).
// They leave by themselves; errors stay longer.
import { useEffect } from 'react';
import type { Toast } from '../store/session-slice';
import { Icon } from '../ui/icons';
import { useAppStore, useServices } from './context';

const LIFETIME_MS: Record<Toast['kind'], number> = { info: 4000, success: 3000, warning: 7000, error: 9000 };

function ToastView({ toast }: { toast: Toast }) {
  const { store } = useServices();
  useEffect(() => {
    const timer = setTimeout(() => store.getState().dismissToast(toast.id), LIFETIME_MS[toast.kind]);
    return () => clearTimeout(timer);
  }, [store, toast]);
  return (
    <div
      className={`toast toast-${toast.kind}`}
      role={toast.kind === 'error' ? 'alert' : 'status'}
      data-testid="toast"
      data-kind={toast.kind}
    >
      <div className="toast-body">
        <div className="toast-message">{toast.message}</div>
        {toast.details && toast.details.length > 0 && (
          <ul className="toast-details">
            {toast.details.map((detail, i) => (
              <li key={i}>{detail}</li>
            ))}
          </ul>
        )}
      </div>
      <button
        type="button"
        className="toast-close"
        aria-label="Dismiss"
        onClick={() => store.getState().dismissToast(toast.id)}
      >
        <Icon name="close" size={14} />
      </button>
    </div>
  );
}

export function Toasts() {
  const toasts = useAppStore((s) => s.toasts);
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((toast) => (
        <ToastView key={toast.id} toast={toast} />
      ))}
    </div>
  );
}
