import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type ExecutionResult } from 'graphql';
import { loadConfig, type GatewayConfig } from '../../src/config.js';
import { createGateway, type Gateway } from '../../src/server.js';
import { startDemoSimulators, type DemoSimulators } from '../../src/simulators/index.js';
import { createUpstreams, type Upstreams } from '../../src/upstreams/index.js';

/**
 * A gateway in-process (driven with yoga.fetch) over the real simulators on loopback HTTP:
 * every upstream call in a test crosses a real socket and is recorded by its simulator.
 */
export interface TestGateway {
  gateway: Gateway;
  simulators: DemoSimulators;
  config: GatewayConfig;
  /** Runs a typed document; the result is typed by the operation. */
  execute<Result, Variables>(document: TypedDocumentNode<Result, Variables>, variables?: Variables, headers?: Record<string, string>): Promise<ExecutionResult<Result>>;
  /** Runs raw GraphQL text (for malformed or ad-hoc operations). */
  post(body: unknown, headers?: Record<string, string>): Promise<{ status: number; json: ExecutionResult<Record<string, unknown>> }>;
  close(): Promise<void>;
}

export async function startTestGateway(options: { now?: () => Date; env?: Record<string, string> } = {}): Promise<TestGateway> {
  const simulators = await startDemoSimulators();
  const config = loadConfig('demo', {}, { ...simulators.environment, ...options.env });
  const upstreams: Upstreams = createUpstreams(config);
  const gateway = createGateway({ config, upstreams, now: options.now });

  const post: TestGateway['post'] = async (body, headers = {}) => {
    const response = await gateway.fetch('http://gateway/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as ExecutionResult<Record<string, unknown>> };
  };

  return {
    gateway,
    simulators,
    config,
    post,
    execute: async (document, variables, headers) => {
      const { json } = await post({ query: print(document), variables }, headers);
      return json as ExecutionResult<never>;
    },
    close: async () => {
      await upstreams.close();
      await simulators.close();
    },
  };
}
