import type { SimulatorReply } from '../harness.js';

/**
 * The simulator's error codes. The vendor page documents the body shape
 * (`{errorCode, errorMessages}`) but not the codes, so these are ours and stay stable:
 *
 * | code  | status | meaning |
 * |-------|--------|---------|
 * | 40001 | 400 | a required parameter is missing |
 * | 40002 | 400 | a parameter value is malformed, out of range or not one of its enum values |
 * | 40003 | 400 | a single-valued parameter is given more than once |
 * | 40004 | 400 | an unknown parameter (query key or body field) |
 * | 40005 | 400 | `from` is after `to` |
 * | 40006 | 400 | `interval` is longer than `period` |
 * | 40007 | 400 | the request body is not a JSON object |
 * | 40008 | 400 | the tenantId path segment is not 32 characters 0-9a-f |
 * | 40101 | 401 | no X-Auth-Token header |
 * | 40102 | 401 | X-Auth-Token is not 32 characters 0-9a-f |
 * | 40103 | 401 | X-Auth-Token is well formed but not accepted |
 * | 40401 | 404 | unknown tenant |
 * | 40402 | 404 | the tenant has no such SIM for that lineType |
 * | 40403 | 404 | no such resource (path) |
 * | 40501 | 405 | the resource does not take that method |
 * | 50001 | 500 | the simulator itself failed |
 */
export const SIGN_ERROR = {
  missingParameter: 40001,
  invalidParameter: 40002,
  repeatedParameter: 40003,
  unknownParameter: 40004,
  fromAfterTo: 40005,
  intervalExceedsPeriod: 40006,
  invalidBody: 40007,
  invalidTenantId: 40008,
  missingToken: 40101,
  malformedToken: 40102,
  rejectedToken: 40103,
  unknownTenant: 40401,
  unknownSim: 40402,
  unknownResource: 40403,
  methodNotAllowed: 40501,
  internal: 50001,
} as const;

export type SignErrorCode = (typeof SIGN_ERROR)[keyof typeof SIGN_ERROR];

export interface SignIssue {
  code: SignErrorCode;
  message: string;
}

/** Thrown anywhere in a route; the handler turns it into the vendor's error body. */
export class SignFailure extends Error {
  constructor(
    readonly status: number,
    readonly issues: readonly SignIssue[],
  ) {
    super(issues.map((issue) => issue.message).join('; '));
  }

  static of(status: number, code: SignErrorCode, message: string): SignFailure {
    return new SignFailure(status, [{ code, message }]);
  }

  /** The first issue's code stands for the request; every message is listed. */
  toReply(): SimulatorReply {
    return {
      status: this.status,
      body: { errorCode: this.issues[0]?.code ?? SIGN_ERROR.internal, errorMessages: this.issues.map((issue) => issue.message) },
    };
  }
}
