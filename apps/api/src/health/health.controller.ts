import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import type { StoreClient } from '@mieruka/store';
import { STORE_CLIENT } from '../store/store.module';

const startedAt = Date.now();

@Controller('api/v1/health')
export class HealthController {
  constructor(@Inject(STORE_CLIENT) private readonly store: StoreClient) {}

  /** Up when the store answers a query; 503 (with the reason) when it does not. */
  @Get()
  async health(): Promise<{ status: 'ok'; store: string; uptimeSeconds: number }> {
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
    };
  }
}
