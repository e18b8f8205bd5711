import { BadRequestException, Controller, Get, Inject, Query } from '@nestjs/common';
import { z } from 'zod';
import { scopeSchema, type KpiSnapshot } from '@mieruka/contracts';
import { LiveProjections } from './live-projections';

const liveQuery = z.object({
  tenant: z
    .string()
    .regex(/^[a-z0-9_-]{1,64}$/, 'must be a tenant id')
    .default('default'),
  scope: scopeSchema.default('tenant'),
});

@Controller('api/v1/live')
export class LiveController {
  constructor(@Inject(LiveProjections) private readonly live: LiveProjections) {}

  /** The snapshot of docs/kpis.md now, from the live projection. */
  @Get()
  current(@Query() query: unknown): Omit<KpiSnapshot, 'ingest'> {
    const parsed = liveQuery.safeParse(query);
    if (!parsed.success) {
      throw new BadRequestException(
        parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      );
    }
    return this.live.snapshot(parsed.data.tenant, parsed.data.scope);
  }
}
