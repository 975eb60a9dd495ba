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

/** Imports every schema module (each attaches its own types and root fields), then builds. */
export const schema = builder.toSchema({ sortSchema: true });
