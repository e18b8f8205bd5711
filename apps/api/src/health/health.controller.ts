import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import type { StoreClient } from '@mieruka/store';
import type { HealthAnswer } from '@mieruka/contracts';
import { AdapterHealth } from '../adapters/adapter-health';
import { Doc } from '../http/openapi';
import { STORE_CLIENT } from '../store/store.module';

const startedAt = Date.now();

@Controller('api/v1/health')
export class HealthController {
  constructor(
    @Inject(STORE_CLIENT) private readonly store: StoreClient,
    @Inject(AdapterHealth) private readonly adapters: AdapterHealth,
  ) {}

  /**
   * Up when the store answers a query; 503 (with the reason) when it does not. `adapters`:
   * each enabled CTI adapter's connection, last event, rate and errors (a PBX link down does
   * not make the API unhealthy).
   */
  @Get()
  @Doc({
    summary: 'Liveness: 200 while the store answers, 503 with the reason otherwise; adapters',
  })
  async health(): Promise<HealthAnswer> {
    try {
      await this.store.client
        .query({ query: 'SELECT 1', format: 'JSONEachRow' })
        .then((r) => r.json());
    } catch (error) {
      throw new ServiceUnavailableException(
        `store (${this.store.kind}) unreachable: ${(error as Error).message}`,
      );
    }
    return {
      status: 'ok',
      store: this.store.kind,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      adapters: this.adapters.report(),
    };
  }
}
