/**
 * @module The order facts a detector extracts from a shop page (DESIGN.md §5, fixtures README).
 * Unknown is `null`, never a guess.
 */
import * as z from 'zod';

/** Normalised order status (shop-systems.md, "Status normalisation"). */
export const OrderStatusSchema = z.enum([
  'unpaid',
  'paid',
  'delivered',
  'completed',
  'refunding',
  'refunded',
  'failed',
  'cancelled',
]);
export type OrderStatus = z.infer<typeof OrderStatusSchema>;

/** One order as shown on a shop page. */
export const OrderFactsSchema = z.object({
  orderNo: z.string().min(1).max(200),
  /** What was or is to be paid, in yuan (not unit price, discount or balance). */
  amount: z.number().nullable(),
  currency: z.string().max(8).nullable(),
  item: z.string().max(2000).nullable(),
  quantity: z.number().nullable(),
  /** ISO 8601 with offset; +08:00 when the page shows no zone. */
  orderTime: z.string().max(64).nullable(),
  status: OrderStatusSchema.nullable(),
  statusText: z.string().max(500).nullable(),
  shopName: z.string().max(500).nullable(),
  paymentMethod: z.string().max(200).nullable(),
  contact: z.string().max(500).nullable(),
});
export type OrderFacts = z.infer<typeof OrderFactsSchema>;

/** What else a shop page shows that matters in a dispute (DOMAIN.md): licence, refund promises, card keys. */
export const ShopExtrasSchema = z.object({
  /** Company name from the business-licence block (电子商务法 Art. 15). */
  companyName: z.string().max(500).nullable(),
  /** 统一社会信用代码, 18 characters. */
  creditCode: z.string().max(32).nullable(),
  /** ICP filing number shown in the footer. */
  icp: z.string().max(100).nullable(),
  /** Refund-policy or no-reason-return promise text as shown (e.g. 「7天无理由」, 「包退」). */
  refundPolicyText: z.string().max(5000).nullable(),
  /** True when the page promises a no-reason return (promised-no-reason-7d reminder). */
  promisesNoReasonReturn: z.boolean(),
  /** Delivered card keys as shown (kept in evidence, masked in the interface). */
  cardKeys: z.array(z.string().max(2000)).max(500),
});
export type ShopExtras = z.infer<typeof ShopExtrasSchema>;
