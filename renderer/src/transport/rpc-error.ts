import type { ErrorBody, ErrorCode } from '@contract';

/**
 * A failed request. `body` is the contract's error (code, message, heldBy…). `transient` marks failures of
 * the connection rather than of the request (lost socket, timeout): retrying with the same actionId is safe.
 */
export class RpcError extends Error {
  constructor(
    readonly body: ErrorBody,
    readonly transient = false,
  ) {
    super(body.message);
    this.name = 'RpcError';
  }

  get code(): ErrorCode {
    return this.body.code;
  }
}

export function isTransient(error: unknown): boolean {
  return error instanceof RpcError && error.transient;
}

export function disconnectedError(message = 'The connection to the Baton core was lost.'): RpcError {
  return new RpcError({ code: 'internal', message }, true);
}
