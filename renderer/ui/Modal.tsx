// The frame of every modal dialog: a backdrop that keeps the app behind it inert, the dialog box with its
// accessible name, and Escape to cancel (stopped here, so the canvas and the command registry never see it).
import type { ReactNode } from 'react';

export function Modal({
  labelledBy,
  testId,
  className = 'dialog',
  onCancel,
  children,
}: {
  labelledBy: string;
  testId: string;
  className?: string;
  onCancel: () => void;
  children: ReactNode;
}) {
  return (
    <div
      className="dialog-backdrop"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onCancel();
        }
      }}
    >
      <div
        className={className}
        role="dialog"
        aria-modal="true"
        aria-labelledby={labelledBy}
        data-testid={testId}
      >
        {children}
      </div>
    </div>
  );
}
