import { it } from 'vitest';
import { startTestGateway, mintToken } from '../support/gateway.js';
import { DEMO_TENANT_ID as A } from '../../src/simulators/demo-seed.js';
it('d', async () => {
  const gw = await startTestGateway({ auth: true });
  const token = await mintToken({ tenants: '*' });
  const deep = `{ tenant(tenantId: "${A}") { sim(simId: "1", lineType: INT) { tenant { sim(simId: "1", lineType: INT) { tenant { sim(simId: "1", lineType: INT) { tenant { sim(simId: "1", lineType: INT) { tenant { sim(simId: "1", lineType: INT) { tenant { sim(simId: "1", lineType: INT) { tenant { tenantId } } } } } } } } } } } } } }`;
  const r = await gw.post({ query: deep }, { authorization: `Bearer ${token}` });
  console.log(r.status, JSON.stringify(r.json).slice(0, 500));
  const aliases = `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: indicator(value: "8.8.8.8") { kind }`).join(' ')} }`;
  const r2 = await gw.post({ query: aliases }, { authorization: `Bearer ${token}` });
  console.log(r2.status, JSON.stringify(r2.json).slice(0, 300));
  await gw.close();
});
