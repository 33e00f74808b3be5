// Every workspace view of the app, registered in tab order. Importing this module registers them.
import { DESIGN_VIEW, registerView } from './registry';

registerView(DESIGN_VIEW);
