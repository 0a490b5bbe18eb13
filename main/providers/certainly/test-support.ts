/**
 * An in-memory `RelayHost` for the connector's tests: the test speaks as the customer channel (pushes
 * customer messages) and reads what Baton delivered back to it. The real gateway has its own tests; this
 * double only keeps the relay's promises (one handler, in-order delivery, a refusal rejects).
 */
import type {
  InboundCustomerMessage,
  OutboundChannelMessage,
  RelayHost,
  VerifiedWebhook,
  WebhookVerification,
} from '../../core/relay';

export interface TestRelay extends RelayHost {
  /** What reached the customer's channel, in order. */
  readonly deliveries: OutboundChannelMessage[];
  /** Sends a customer message as the gateway would; rejects when the connector's handler does (a 502). */
  customerSays(
    message: Omit<InboundCustomerMessage, 'messageId' | 'at'> & { messageId?: string; at?: string },
  ): Promise<void>;
  /** While set, the channel refuses every delivery with this reason. */
  refuseDeliveries(reason: string | null): void;
}

export function createTestRelay(): TestRelay {
  let handler: ((message: InboundCustomerMessage) => Promise<void>) | undefined;
  let refusal: string | null = null;
  let counter = 0;
  const deliveries: OutboundChannelMessage[] = [];
  return {
    deliveries,
    webhookUrl: 'http://127.0.0.1:1/webhooks/test',
    onCustomerMessage(next) {
      if (handler) throw new Error('The test relay already has a customer message handler');
      handler = next;
    },
    async deliverToCustomer(message) {
      if (refusal !== null) throw new Error(refusal);
      deliveries.push(structuredClone(message));
    },
    onWebhook(_verification: WebhookVerification, _handler: (webhook: VerifiedWebhook) => Promise<unknown>) {
      throw new Error('Certainly has no webhooks');
    },
    async customerSays(message) {
      if (!handler) throw new Error('No connector is listening to the test relay');
      await handler({
        ...message,
        messageId: message.messageId ?? `chan-msg-${++counter}`,
        at: message.at ?? new Date().toISOString(),
      });
    },
    refuseDeliveries(reason) {
      refusal = reason;
    },
  };
}
