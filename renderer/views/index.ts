// Every workspace view of the app, registered in tab order. Importing this module registers them.
import { CostSlide } from './cost/CostSlide';
import { CostView } from './cost/CostView';
import { CompareSlide } from './compare/CompareSlide';
import { CompareView } from './compare/CompareView';
import { DESIGN_VIEW, registerView } from './registry';
import { FailuresSlide } from './failures/FailuresSlide';
import { FailuresView } from './failures/FailuresView';
import { YamlView } from '../yaml/YamlView';

registerView(DESIGN_VIEW);
registerView({ id: 'cost', title: 'Cost', layout: 'overlay', component: CostView, slide: CostSlide });
registerView({
  id: 'compare',
  title: 'Scenarios',
  layout: 'overlay',
  component: CompareView,
  slide: CompareSlide,
});
registerView({
  id: 'failures',
  title: 'Failures',
  layout: 'side',
  component: FailuresView,
  slide: FailuresSlide,
});
registerView({ id: 'yaml', title: 'YAML', layout: 'side', component: YamlView });
