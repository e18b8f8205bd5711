import { scopedEvents } from './events.sql';

/**
 * The `agent.state` events an agent timeline from `since` on needs, as a subquery for FROM
 * (columns id, occurred_at, state, team, agent_id): those at or after `since`, and for each
 * agent — or each agent and team, for timelines cut per team — only its latest one before
 * `since`, whose state carries into the range. A timeline over a day then reads a day of
 * state events, not the tenant's whole history. `since` is SQL for a DateTime64(3, 'UTC')
 * (a query parameter); the other parameters are those of `scopedEvents`.
 */
export function timelineStates(
  database: string,
  options: { readonly scope: string; readonly since: string; readonly perTeam: boolean },
): string {
  const { scope, since, perTeam } = options;
  const columns = ['occurred_at', 'state'];
  const recent = scopedEvents(database, {
    columns,
    prefilter: `type = 'agent.state' AND occurred_at >= ${since}`,
    scope,
  });
  const earlier = scopedEvents(database, {
    columns,
    prefilter: `type = 'agent.state' AND occurred_at < ${since}`,
    scope,
  });
  const latest = `(occurred_at, id)`;
  return `(
    SELECT id, occurred_at, state, team, agent_id FROM ${recent}
    UNION ALL
    SELECT argMax(id, ${latest}), max(occurred_at), argMax(state, ${latest}),
      ${perTeam ? 'team' : `argMax(team, ${latest})`}, agent_id
    FROM ${earlier}
    GROUP BY agent_id${perTeam ? ', team' : ''}
  )`;
}
