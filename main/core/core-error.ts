import type { Agent, ErrorBody, ErrorCode } from '../contract';

/** An error the core reports to a client as the contract's `ErrorBody`. Its message is shown to agents. */
export class CoreError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { heldBy?: Agent; issues?: ErrorBody['issues'] } = {},
  ) {
    super(message);
    this.name = 'CoreError';
  }

  toBody(): ErrorBody {
    return { code: this.code, message: this.message, ...this.extra };
  }
}

export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof CoreError) return error.toBody();
  // Unknown failures are reported without their text: it may carry a URL with a token or a stack path.
  return { code: 'internal', message: 'Something went wrong inside Baton; the details are in the core log.' };
}
