import { z } from 'zod';
import { tenantIdSchema, timestampSchema } from './event';
import { ORDER_DRILLDOWNS } from './kpi-catalogue';
import { scopeSchema } from './kpi-snapshot';

/**
 * The order drill-down (`GET /api/v1/kpis/orders`, docs/kpis.md "Orders"): the holds, returns,
 * wrong-item returns and shipments of a range, counted as the window keys count them (each
 * event by its own time, where its order was taken), broken down by the agent who took the
 * order, by the SKU and variant its confirmation listed, or by the hold's or return's reason.
 */
export const orderDrilldownQuerySchema = z.object({
  tenant: tenantIdSchema.default('default'),
  scope: scopeSchema.default('tenant'),
  /** Start of the range, inclusive (default: local midnight today). */
  from: timestampSchema.optional(),
  /** End of the range, exclusive (default and latest: now). */
  to: timestampSchema.optional(),
  by: z.enum(ORDER_DRILLDOWNS, { error: `must be one of ${ORDER_DRILLDOWNS.join(', ')}` }),
});
export type OrderDrilldownQuery = z.output<typeof orderDrilldownQuerySchema>;

const count = z.number().int().nonnegative();

export const orderDrilldownRowSchema = z.object({
  /**
   * The agent id, the SKU or the reason; '' for the events whose order has no confirmation
   * (by agent), or whose confirmation lists no items (by item).
   */
  key: z.string(),
  /** By item: the variant ('' when the item named none). */
  variant: z.string().optional(),
  heldOrders: count,
  returnedOrders: count,
  wrongItemReturns: count,
  /** Null by reason: a shipment has no reason. */
  shippedOrders: count.nullable(),
  /** wrongItemReturns / shippedOrders; null without a shipment, and by reason. */
  wrongItemRate: z.number().nonnegative().nullable(),
});
export type OrderDrilldownRow = z.output<typeof orderDrilldownRowSchema>;

export const orderDrilldownSchema = z.object({
  tenant: z.string(),
  scope: scopeSchema,
  by: z.enum(ORDER_DRILLDOWNS),
  from: z.string(),
  to: z.string(),
  /** Most wrong-item returns first, then returns, then holds, then by key (and variant). */
  rows: z.array(orderDrilldownRowSchema),
});
export type OrderDrilldown = z.output<typeof orderDrilldownSchema>;
