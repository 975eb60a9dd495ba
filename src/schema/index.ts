import { builder } from './builder.js';
import './scalars.js';
import './sign/tenant.js';
import './sign/sim.js';
import './sign/threats.js';
import './sign/flows.js';
import './sign/traffic.js';
import './sign/settings.js';
import './indicators.js';
import './file-safer.js';
import './suspicious-objects.js';
import { SUBGRAPH_OPTIONS } from './federation.js';

/**
 * Imports every schema module (each attaches its own types and root fields), then builds the
 * schema as a federation subgraph: served alone it is an ordinary graph plus `_service` and `_entities`.
 */
export const schema = builder.toSubGraphSchema({ ...SUBGRAPH_OPTIONS, federationDirectives: [...SUBGRAPH_OPTIONS.federationDirectives], sortSchema: true });
