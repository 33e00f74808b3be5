// The open dialog, if any: a confirmation or a choice. Answers go back through the dialog service.
import { useEffect, useRef } from 'react';
import { Modal } from '../ui/Modal';
import { useAppStore, useServices } from './context';

export function DialogHost() {
  const { dialogs } = useServices();
  const dialog = useAppStore((s) => s.dialog);
  const primary = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    primary.current?.focus();
  }, [dialog]);
  if (!dialog) return null;
  const cancel = () => dialogs.answer(dialog.id, dialog.kind === 'confirm' ? false : null);
  return (
    <Modal labelledBy="dialog-title" testId="dialog" onCancel={cancel}>
      <h2 id="dialog-title">{dialog.title}</h2>
      <p>{dialog.message}</p>
      {dialog.kind === 'confirm' && dialog.details && dialog.details.length > 0 && (
        <ul className="dialog-details" data-testid="dialog-details">
          {dialog.details.map((detail, i) => (
            <li key={i}>{detail}</li>
          ))}
        </ul>
      )}
      {dialog.kind === 'choice' && (
        <div className="dialog-choices">
          {dialog.choices.map((choice, i) => (
            <button
              key={choice.id}
              ref={i === 0 ? primary : undefined}
              type="button"
              className="dialog-choice"
              data-testid={`dialog-choice-${i}`}
              onClick={() => dialogs.answer(dialog.id, choice.id)}
            >
              <span>{choice.label}</span>
              {choice.detail && <small>{choice.detail}</small>}
            </button>
          ))}
        </div>
      )}
      <div className="dialog-buttons">
        <button type="button" className="button" data-testid="dialog-cancel" onClick={cancel}>
          {dialog.kind === 'confirm' ? 'Cancel' : dialog.cancelLabel}
        </button>
        {dialog.kind === 'confirm' && (
          <button
            ref={primary}
            type="button"
            className={dialog.danger ? 'button danger' : 'button primary'}
            data-testid="dialog-confirm"
            onClick={() => dialogs.answer(dialog.id, true)}
          >
            {dialog.confirmLabel}
          </button>
        )}
      </div>
    </Modal>
  );
}
