// What an empty canvas says: how to start, and the templates one click away.
import { useServices } from '../app/context';
import { Icon } from '../ui/icons';

export function EmptyCanvas() {
  const services = useServices();
  return (
    <div className="empty-canvas" data-testid="empty-canvas">
      <div className="empty-card">
        <h2>Start a topology</h2>
        <p>
          Drag a <strong>Region</strong> from the palette onto the canvas, then clusters, node pools and
          workloads into it. Or start from a template:
        </p>
        <div className="empty-templates">
          {services.templates.map((template) => (
            <button
              key={template.file}
              type="button"
              className="template-card"
              data-testid={`empty-template-${template.file}`}
              onClick={() => void services.registry.run(`file.newFromTemplate:${template.file}`, services)}
            >
              <Icon name="template" />
              <span className="template-title">{template.title}</span>
              <span className="template-description">{template.description}</span>
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}
