import type { Scope, TenantSettings } from '@mieruka/contracts';
import { OUTCOME_SUMS, emptySums, type Sums } from '@mieruka/kpi';
import type { StoreClient } from '../client';
import { chTime } from '../time';
import { EVENT_SUM_INPUTS, SEGMENT_KEYS, eventSumColumns, rolledUpSumColumns } from './spans.sql';

export interface DaySeed {
  readonly scope: Scope;
  /** Days since 1970-01-01 on the tenant's clock. */
  readonly localDay: number;
  readonly sums: Sums;
}

type DaySeedRow = { dim: string; value: string; day: number } & Record<string, unknown>;

const n = (value: unknown) => Number(value);

/**
 * Per local day in [from, until) and per scope (the tenant and each queue, campaign, team and
 * agent an event names), the sums of the day's events — by the same counting rules as every
 * other SQL sum (`eventSumColumns`) — for `seedDay` of @mieruka/kpi. `from` and `until`
 * should be local midnights.
 */
export async function computeDaySeeds(
  store: StoreClient,
  params: { settings: TenantSettings; from: number; until: number },
): Promise<DaySeed[]> {
  const { settings } = params;
  const result = await store.client.query({
    query: `SELECT scope.1 AS dim, scope.2 AS value, day,
        ${rolledUpSumColumns().join(',\n        ')}
      FROM (
        SELECT scope, day, ${eventSumColumns().join(', ')}
        FROM (
          SELECT ${EVENT_SUM_INPUTS.join(', ')},
            toUInt32(toDate(occurred_at, {timeZone:String})) AS day,
            arrayJoin([('tenant', '-'), ('queue', toString(queue)),
                       ('campaign', toString(campaign)), ('team', toString(team)),
                       ('agent', agent_id)]) AS scope
          FROM ${store.database}.events FINAL
          WHERE tenant = {tenant:String}
            AND occurred_at >= {from:DateTime64(3, 'UTC')}
            AND occurred_at < {until:DateTime64(3, 'UTC')}
            AND type != 'agent.state'
        )
        WHERE scope.2 != ''
        GROUP BY scope, day, ${SEGMENT_KEYS}
      )
      GROUP BY dim, value, day`,
    query_params: {
      tenant: settings.tenant.id,
      timeZone: settings.tenant.timezone,
      slThresholdMs: settings.serviceLevel.thresholdMs,
      shortAbandonMs: settings.serviceLevel.shortAbandonMs,
      from: chTime(params.from),
      until: chTime(params.until),
    },
    format: 'JSONEachRow',
  });
  return (await result.json<DaySeedRow>()).map((row) => {
    const sums = emptySums();
    sums.offered = n(row.s_offered);
    sums.answered = n(row.s_answered);
    sums.answeredInSL = n(row.s_answeredInSL);
    sums.abandoned = n(row.s_abandoned);
    sums.shortAbandoned = n(row.s_shortAbandoned);
    sums.abandonedAfterThreshold = n(row.s_abandonedAfterThreshold);
    sums.abandonedCallerHangup = n(row.s_abandonedCallerHangup);
    sums.abandonedTimeout = n(row.s_abandonedTimeout);
    sums.abandonedKey = n(row.s_abandonedKey);
    sums.abandonedEmpty = n(row.s_abandonedEmpty);
    sums.abandonedOther = n(row.s_abandonedOther);
    sums.dialed = n(row.s_dialed);
    sums.connectedOutbound = n(row.s_connectedOutbound);
    sums.failedDials = n(row.s_failedDials);
    const outcomes = (row.s_outcomes ?? {}) as Record<string, unknown>;
    for (const [outcome, count] of Object.entries(outcomes)) {
      const key = OUTCOME_SUMS[outcome as keyof typeof OUTCOME_SUMS];
      if (key !== undefined) sums[key] = n(count);
    }
    sums.wrapped = n(row.s_wrapped);
    sums.orders = n(row.s_orders);
    sums.cancelledOrders = n(row.s_cancelledOrders);
    // The Decimal sum as text, to whole cents (amounts have at most two decimals).
    sums.revenueCents = Math.round(n(row.s_revenue) * 100);
    sums.answeredWaitMs = n(row.s_waitMs);
    sums.handleMs = n(row.s_handleMs);
    sums.resolvedTrue = n(row.s_resolvedTrue);
    sums.resolvedKnown = n(row.s_resolvedKnown);
    const dispositions = (row.s_dispositions ?? {}) as Record<string, unknown>;
    for (const [name, count] of Object.entries(dispositions)) {
      if (n(count) > 0) sums.dispositions.set(name, n(count));
    }
    return {
      scope: row.dim === 'tenant' ? 'tenant' : `${row.dim}:${row.value}`,
      localDay: n(row.day),
      sums,
    };
  });
}
