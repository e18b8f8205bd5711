import type { INestApplicationContext } from '@nestjs/common';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Server, ServerOptions } from 'socket.io';
import { OriginCheckedIoAdapter } from './origin-checked-io.adapter';
import { closeClient, newRedisClient, type RedisClient } from './redis-client';

/**
 * Socket.IO across several API instances: rooms, broadcasts and server-to-server messages go
 * through one Redis stream. Streams rather than pub/sub because a reader resumes from its last
 * entry after a Redis blip instead of missing what was sent meanwhile.
 */
export class RedisStreamsIoAdapter extends OriginCheckedIoAdapter {
  private constructor(
    app: INestApplicationContext,
    origins: readonly string[],
    private readonly redis: RedisClient,
    private readonly streamName: string,
  ) {
    super(app, origins);
  }

  /** Connects to Redis first: an instance that cannot reach it should not start half-wired. */
  static async connect(
    app: INestApplicationContext,
    origins: readonly string[],
    url: string,
    streamName: string,
    onError: (error: unknown) => void,
  ): Promise<RedisStreamsIoAdapter> {
    const redis = newRedisClient(url);
    // The client reconnects by itself; errors meanwhile are reported, never thrown.
    redis.on('error', onError);
    await redis.connect();
    return new RedisStreamsIoAdapter(app, origins, redis, streamName);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options);
    // The pub/sub prefix too: two deployments sharing one Redis must not hear each other.
    server.adapter(
      createAdapter(this.redis, { streamName: this.streamName, channelPrefix: this.streamName }),
    );
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    await closeClient(this.redis);
  }
}
