import { createApexSimulator } from './apex.js';
import { createCyberTraceSimulator } from './cybertrace.js';
import { DEMO_APEX_CREDENTIALS, DEMO_CYBERTRACE_CREDENTIALS, DEMO_NCP_CREDENTIALS, DEMO_SIGN_TOKEN, DEMO_TENANTS, LARGE_TENANT_ID } from './demo-seed.js';
import { createFileSaferSimulator } from './filesafer.js';
import { startSimulator, type RunningSimulator } from './harness.js';
import { createSignSimulator, SIGN_BASE_PATH, SignArrivals } from './sign/index.js';

export interface DemoSimulators {
  sign: RunningSimulator;
  cybertrace: RunningSimulator;
  filesafer: RunningSimulator;
  apex: RunningSimulator;
  /** Detections SIGN shows from the moment they are added (the live threat feed's). */
  signArrivals: SignArrivals;
  /** The live-mode variables that point the gateway at these simulators. */
  environment: Record<string, string>;
  /** Forgets recorded requests on every simulator. */
  reset(): void;
  close(): Promise<void>;
}

/**
 * Starts the four upstream simulators on loopback, each on a free port, with the demo's shared
 * data; `largeTenant` adds SIGN's LARGE_TENANT_ID (the benchmark's 10,000-row pages).
 */
export async function startDemoSimulators(options: { largeTenant?: boolean } = {}): Promise<DemoSimulators> {
  const signArrivals = new SignArrivals();
  const [sign, cybertrace, filesafer, apex] = await Promise.all([
    startSimulator(createSignSimulator({ arrivals: signArrivals, ...(options.largeTenant ? { tenants: [...DEMO_TENANTS, LARGE_TENANT_ID] } : {}) })),
    startSimulator(createCyberTraceSimulator()),
    startSimulator(createFileSaferSimulator()),
    startSimulator(createApexSimulator()),
  ]);
  const all = [sign, cybertrace, filesafer, apex];
  return {
    sign,
    cybertrace,
    filesafer,
    apex,
    signArrivals,
    environment: {
      SIGN_BASE_URL: `${sign.url}${SIGN_BASE_PATH}`,
      SIGN_AUTH_TOKEN: DEMO_SIGN_TOKEN,
      CYBERTRACE_BASE_URL: cybertrace.url,
      CYBERTRACE_USERNAME: DEMO_CYBERTRACE_CREDENTIALS.username,
      CYBERTRACE_PASSWORD: DEMO_CYBERTRACE_CREDENTIALS.password,
      FILESAFER_BASE_URL: filesafer.url,
      NCP_ACCESS_KEY: DEMO_NCP_CREDENTIALS.accessKey,
      NCP_SECRET_KEY: DEMO_NCP_CREDENTIALS.secretKey,
      NCP_API_KEY: DEMO_NCP_CREDENTIALS.apiKey,
      APEX_BASE_URL: apex.url,
      APEX_APPLICATION_ID: DEMO_APEX_CREDENTIALS.applicationId,
      APEX_API_KEY: DEMO_APEX_CREDENTIALS.apiKey,
    },
    reset: () => {
      for (const simulator of all) simulator.reset();
    },
    close: async () => {
      await Promise.all(all.map((simulator) => simulator.close()));
    },
  };
}
