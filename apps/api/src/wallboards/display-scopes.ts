import { Inject, Injectable } from '@nestjs/common';
import {
  defaultWallboard,
  wallboardCampaignFunnels,
  wallboardFloorScopes,
  wallboardScopes,
} from '@mieruka/contracts';
import { WallboardStore } from '@mieruka/store';

/** A layout read this recently is trusted; an edit on another instance shows within this time. */
const TTL_MS = 10_000;

interface Shown {
  readonly scopes: Set<string>;
  /** Scopes with a floor tile: agents one by one, masked callers. */
  readonly floor: Set<string>;
  /** A tenant funnel draws one funnel per campaign: any campaign's room, without its floor. */
  readonly campaigns: boolean;
}

/**
 * The scopes a display token's wallboard shows (its stored layout, or the default one): a TV
 * may join those rooms only — and their floor detail only where it has a floor tile — so a
 * leaked token reveals no more than the screen it was made for.
 * Cached briefly: a TV joins several rooms at once at every reconnect.
 */
@Injectable()
export class DisplayScopes {
  private readonly cache = new Map<string, { scopes: Promise<Shown>; until: number }>();

  constructor(@Inject(WallboardStore) private readonly wallboards: WallboardStore) {}

  async allows(tenant: string, wallboard: string, scope: string, floor = false): Promise<boolean> {
    const key = `${tenant}|${wallboard}`;
    const now = Date.now();
    let entry = this.cache.get(key);
    if (!entry || entry.until <= now) {
      const scopes = this.wallboards.find(tenant, wallboard).then((found) => {
        const layout = found?.wallboard ?? defaultWallboard(wallboard, tenant);
        return {
          scopes: new Set(wallboardScopes(layout)),
          floor: new Set(wallboardFloorScopes(layout)),
          campaigns: wallboardCampaignFunnels(layout),
        };
      });
      // A failed read is not cached: the next join asks again.
      scopes.catch(() => this.cache.delete(key));
      entry = { scopes, until: now + TTL_MS };
      this.cache.set(key, entry);
    }
    const shown = await entry.scopes;
    if (floor) return shown.floor.has(scope);
    return shown.scopes.has(scope) || (shown.campaigns && scope.startsWith('campaign:'));
  }

  /** After a change on this instance: read again at the next join. */
  forget(tenant: string, wallboard: string): void {
    this.cache.delete(`${tenant}|${wallboard}`);
  }
}
