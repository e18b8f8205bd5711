import { parseScope, type Scope, type ScopeDimension } from '@mieruka/contracts';

/** The events column each scope dimension filters on (a fixed list: never user input). */
const SCOPE_COLUMNS: Record<ScopeDimension, string> = {
  queue: 'queue',
  campaign: 'campaign',
  team: 'team',
  agent: 'agent_id',
};

/** A scope as a WHERE condition over `events` columns, its value passed as `{scopeValue}`. */
export interface ScopeFilter {
  readonly sql: string;
  readonly params: { scopeValue?: string };
}

/**
 * `tenant` keeps every event of the tenant; `queue:X`, `campaign:X`, `team:X`, `agent:X` keep
 * the events whose queue, campaign, team or agent_id is X (docs/kpis.md, Which events count).
 */
export function scopeFilter(scope: Scope): ScopeFilter {
  const parsed = parseScope(scope);
  if (!parsed) return { sql: '1', params: {} };
  const column = SCOPE_COLUMNS[parsed.dimension];
  if (!column) throw new Error(`unknown scope dimension in ${scope}`);
  return { sql: `${column} = {scopeValue:String}`, params: { scopeValue: parsed.value } };
}
