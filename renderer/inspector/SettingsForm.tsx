// The document's own form (shown when nothing is selected): its details (name, description, owner, one
// `metadata` command per edit) and the assumptions every estimate depends on (hours a month, spot
// fallback, monitoring, engineering time, currency, autoscaling delays, price overrides; one `settings`
// command per edit).
import { useAppStore } from '../app/context';
import { ASSUMPTIONS, assumptionUnit } from './assumptions';
import { ListField } from './controls';
import type { Editor } from './fields';
import { EditorProvider, NumberField, Section, TextField } from './fields';

const CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY', 'CAD', 'AUD', 'CHF', 'SEK', 'INR', 'BRL'];

export function SettingsForm({
  settingsEditor,
  metadataEditor,
}: {
  settingsEditor: Editor;
  metadataEditor: Editor;
}) {
  const regions = useAppStore((s) => s.doc.spec.regions);
  const currency = useAppStore((s) => s.doc.spec.settings.currency);
  const firstRegion = regions[0]?.code ?? 'us-east-1';
  return (
    <>
      <EditorProvider editor={metadataEditor}>
        <Section title="Document" id="document">
          <TextField path={['name']} label="Name" />
          <TextField path={['description']} label="Description" optional multiline />
          <TextField path={['owner']} label="Owner" optional />
        </Section>
      </EditorProvider>
      <EditorProvider editor={settingsEditor}>
        <Section title="Assumptions" id="assumptions">
          {ASSUMPTIONS.map((spec) => (
            <NumberField
              key={spec.path.join('.')}
              path={spec.path}
              label={spec.label}
              unit={assumptionUnit(spec, currency)}
              min={spec.min}
              {...(spec.max !== undefined ? { max: spec.max } : {})}
              {...(spec.step !== undefined ? { step: spec.step } : {})}
            />
          ))}
        </Section>
        <Section title="Currency" id="currency">
          <TextField path={['currency']} label="Currency" mono suggestions={CURRENCIES} />
          <NumberField
            path={['usdExchangeRate']}
            label="Exchange rate"
            unit={`${currency} per USD`}
            min={0}
            step={0.01}
          />
          <TextField path={['catalog']} label="Price catalog" mono />
        </Section>
        <Section title="Autoscaling delays" id="autoscaling" defaultOpen={false}>
          <NumberField path={['autoscaling', 'hpaSyncSeconds']} label="HPA sync" unit="s" min={1} />
          <NumberField
            path={['autoscaling', 'hpaScaleUpStabilizationSeconds']}
            label="HPA stabilization"
            unit="s"
            min={0}
          />
          <NumberField path={['autoscaling', 'podStartSeconds']} label="Pod start" unit="s" min={0} />
          <NumberField path={['autoscaling', 'nodeLaunchSeconds']} label="Node launch" unit="s" min={0} />
          <NumberField path={['autoscaling', 'nodeJoinSeconds']} label="Node join" unit="s" min={0} />
        </Section>
        <Section title="Price overrides" id="priceOverrides" defaultOpen={false}>
          <ListField
            path={['priceOverrides']}
            label="Prices entered by hand"
            empty="None: every price comes from the catalog."
            newItem={() => ({
              region: firstRegion,
              key: 'm6i.large',
              usdPerHour: 0.1,
              unit: 'instance-hour',
              source: 'entered by hand',
              date: new Date().toISOString().slice(0, 10),
            })}
            itemTitle={(item) => {
              const p = item as { region: string; key: string };
              return `${p.region} · ${p.key}`;
            }}
            renderItem={(i) => (
              <>
                <TextField path={['priceOverrides', i, 'region']} label="Region" mono />
                <TextField path={['priceOverrides', i, 'key']} label="Key" mono />
                <NumberField
                  path={['priceOverrides', i, 'usdPerHour']}
                  label="USD / hour"
                  optional
                  min={0}
                  step={0.001}
                />
                <NumberField
                  path={['priceOverrides', i, 'usd']}
                  label="USD / unit"
                  optional
                  min={0}
                  step={0.001}
                />
                <TextField path={['priceOverrides', i, 'unit']} label="Unit" mono />
                <TextField path={['priceOverrides', i, 'source']} label="Source" />
                <TextField path={['priceOverrides', i, 'date']} label="Date" mono />
              </>
            )}
          />
        </Section>
      </EditorProvider>
    </>
  );
}
