import { Controller, Get, Header, Inject } from '@nestjs/common';
import { Doc } from '../http/openapi';
import { LiveGateway } from '../live/live.gateway';
import { Metrics } from './metrics';

/** Prometheus scrapes this (text exposition format); it holds no tenant's numbers. */
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(Metrics) private readonly metrics: Metrics,
    @Inject(LiveGateway) private readonly gateway: LiveGateway,
  ) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @Doc({ summary: 'Prometheus metrics (docs/operations.md)', answer: 'text exposition format' })
  async scrape(): Promise<string> {
    // Read at scrape time: the gauges are the gateway's state, not a running tally.
    const { connections, maxBufferedPackets, rooms } = this.gateway.connectionStats();
    this.metrics.socketsConnected.set(connections);
    this.metrics.socketBuffer.set(maxBufferedPackets);
    this.metrics.liveRooms.set(rooms);
    return this.metrics.registry.metrics();
  }
}
