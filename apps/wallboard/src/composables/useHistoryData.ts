import { shallowRef, watch, type Ref } from 'vue';
import type { KgiProgress, KpiHistoryRow, WallboardTenantView } from '@mieruka/contracts';
import { fetchHistory, fetchLive, type HistoryRequest } from '../api/kpis';
import { fetchWallboard } from '../api/wallboards';
import type { HistorySeries } from '../charts/history';
import {
  anchorOf,
  breakdownLineRequest,
  kgiDaysRequest,
  planHistory,
  todayRequest,
  topBreakdownKeys,
  type HistoryPlan,
} from '../history/plan';
import type { HistoryView } from '../history/view';
import { useLatestLoad } from './useLatestLoad';

/** What the page shows for a view, each part with the request its CSV repeats. */
export interface HistoryData {
  readonly loading: Ref<boolean>;
  /** Why the last load failed (the API's reason or the page's wording of it), else null. */
  readonly problem: Ref<string | null>;
  readonly tenantView: Ref<WallboardTenantView | null>;
  readonly plan: Ref<HistoryPlan | null>;
  readonly lineSeries: Ref<HistorySeries[]>;
  readonly breakdownRows: Ref<KpiHistoryRow[]>;
  readonly weekRows: Ref<KpiHistoryRow[]>;
  readonly agentRows: Ref<KpiHistoryRow[]>;
  readonly kgis: Ref<{ kgi: KgiProgress; days: KpiHistoryRow[] }[]>;
}

export interface HistorySource {
  readonly view: Ref<HistoryView>;
  readonly tenant: Ref<string>;
  /** The name of the scope's own line ("total" in the page's language for the tenant). */
  readonly scopeName: (scope: string) => string;
  /** Words a failure in the page's language. */
  readonly describe: (error: unknown) => string;
  /** No session, or it ended: the page sends its user to sign in. */
  readonly signIn: () => void;
}

/**
 * Loads the drill-down of the view in the address, again whenever the view changes (sorting and
 * the heatmap's metric need no new data). An answer to an older view is dropped.
 */
export function useHistoryData(source: HistorySource): HistoryData {
  const { view, tenant } = source;
  const latest = useLatestLoad(source);
  const data: HistoryData = {
    loading: latest.loading,
    problem: latest.problem,
    tenantView: shallowRef(null),
    plan: shallowRef(null),
    lineSeries: shallowRef([]),
    breakdownRows: shallowRef([]),
    weekRows: shallowRef([]),
    agentRows: shallowRef([]),
    kgis: shallowRef([]),
  };

  async function tenantView(): Promise<WallboardTenantView> {
    const held = data.tenantView.value;
    if (held && held.id === tenant.value) return held;
    data.tenantView.value = (await fetchWallboard('default', tenant.value)).tenant;
    return data.tenantView.value;
  }

  async function fetchAll(v: HistoryView) {
    const zone = (await tenantView()).timezone;
    const anchor = anchorOf(await fetchHistory(todayRequest(tenant.value, v)), zone);
    const plan = planHistory(v, tenant.value, anchor);
    const rows = async (request: HistoryRequest) => (await fetchHistory(request)).rows;
    const [line, breakdown, week, agents, live] = await Promise.all([
      rows(plan.line),
      plan.breakdown ? rows(plan.breakdown) : Promise.resolve([]),
      rows(plan.week),
      rows(plan.agents),
      fetchLive(tenant.value, v.scope),
    ]);
    const perValue = await Promise.all(
      topBreakdownKeys(breakdown, v.kpi).map(async (key) => ({
        name: key,
        rows: await rows(breakdownLineRequest(plan, v, key)),
      })),
    );
    const kgis = await Promise.all(
      live.kgis.map(async (kgi) => ({
        kgi,
        days: await rows(kgiDaysRequest(kgi, tenant.value, v, anchor)),
      })),
    );
    const lineSeries = [{ name: source.scopeName(v.scope), rows: line }, ...perValue];
    return { plan, lineSeries, breakdown, week, agents, kgis };
  }

  function show(answer: Awaited<ReturnType<typeof fetchAll>>): void {
    data.plan.value = answer.plan;
    data.lineSeries.value = answer.lineSeries;
    data.breakdownRows.value = answer.breakdown;
    data.weekRows.value = answer.week;
    data.agentRows.value = answer.agents;
    data.kgis.value = answer.kgis;
  }

  watch(
    () => {
      const { sort: _sort, dir: _dir, heat: _heat, ...rest } = view.value;
      return JSON.stringify(rest);
    },
    () => void latest.run(() => fetchAll(view.value), show),
    { immediate: true },
  );
  return data;
}
