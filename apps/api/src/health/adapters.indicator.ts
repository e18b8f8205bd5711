import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { AdapterHealth } from '../adapters/adapter-health';

/**
 * The CTI adapters, reported but never failing readiness: a PBX link that is down is not
 * something another instance behind the load balancer could fix (each instance runs the same
 * adapters against the same PBX), and pulling instances out would also stop the wallboards
 * and the HTTP ingest that still work. Alert on `disconnected` instead (docs/operations.md).
 */
@Injectable()
export class AdaptersIndicator {
  constructor(
    @Inject(AdapterHealth) private readonly adapters: AdapterHealth,
    @Inject(HealthIndicatorService) private readonly health: HealthIndicatorService,
  ) {}

  check(): HealthIndicatorResult {
    const links: Record<string, 'connected' | 'disconnected' | 'http'> = {};
    for (const [name, report] of Object.entries(this.adapters.report())) {
      links[name] =
        report.connected === null ? 'http' : report.connected ? 'connected' : 'disconnected';
    }
    const disconnected = Object.keys(links).filter((name) => links[name] === 'disconnected');
    return this.health.check('adapters').up({ links, disconnected });
  }
}
