/**
 * The customer channel API: what a company's chat backend posts to Baton, and what Baton posts back to the
 * channel's callback. Documented for companies in main/providers/customer-channel/README.md.
 */
import { z } from 'zod';
import { LIMITS, MessageContent } from '../../contract';

export const MAX_CHANNEL_BODY_BYTES = 64 * 1024;

const Id = z.string().min(1).max(LIMITS.idChars);

export const ChannelCustomerMessage = z.object({
  conversationId: Id,
  messageId: Id,
  customer: z.object({
    id: Id,
    name: z
      .string()
      .trim()
      .min(1)
      .max(LIMITS.nameChars * 2),
    profile: z.record(z.string(), z.unknown()).optional(),
    variables: z.record(z.string(), z.string().max(2000)).optional(),
  }),
  text: z.string().trim().min(1).max(LIMITS.textChars),
  sentAt: z.iso.datetime({ offset: true }).optional(),
  context: z.string().max(500).optional(),
});
export type ChannelCustomerMessage = z.infer<typeof ChannelCustomerMessage>;

export const ChannelDelivery = z.object({
  conversationId: Id,
  messageId: Id,
  role: z.enum(['bot', 'agent']),
  authorName: z.string().optional(),
  content: MessageContent,
  sentAt: z.iso.datetime({ offset: true }),
});
export type ChannelDelivery = z.infer<typeof ChannelDelivery>;

export interface GatewayErrorBody {
  error: { code: string; message: string; issues?: { path: string; message: string }[] };
}
