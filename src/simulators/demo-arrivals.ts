import { DEMO_SIMS, DEMO_TENANT_ID, DEMO_THREAT_DOMAINS, DEMO_THREAT_REMOTE_IPS } from './demo-seed.js';
import { SeededRandom } from './sign/prng.js';
import type { SignArrivals } from './sign/index.js';

/**
 * The demo's live traffic: a new detection on the demo tenant every `everyMs`, alternating
 * domain (OTHER) and IP detections on the SIMs of each line type, and every third one late
 * (received `lateByMs` before SIGN shows it), so Subscription.threatDetected visibly works.
 */
export function startDemoArrivals(
  arrivals: SignArrivals,
  { everyMs = 10_000, lateByMs = 60_000, now = Date.now }: { everyMs?: number; lateByMs?: number; now?: () => number } = {},
): () => void {
  const random = new SeededRandom('demo-arrivals');
  let count = 0;
  const timer = setInterval(() => {
    count += 1;
    const kind = count % 2 === 0 ? 'IP' : 'OTHER';
    const sim = random.pick(DEMO_SIMS);
    const receivedAt = Math.floor(now() / 1000) * 1000 - (count % 3 === 0 ? lateByMs : 0);
    arrivals.add({
      tenantId: DEMO_TENANT_ID,
      kind,
      simId: sim.simId,
      target: random.pick(kind === 'OTHER' ? DEMO_THREAT_DOMAINS : DEMO_THREAT_REMOTE_IPS),
      receivedAt,
    });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
