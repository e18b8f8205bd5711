import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { Server, ServerOptions } from 'socket.io';
import { originAllowed } from '../http/origins';

/**
 * Socket.IO with the REST API's origin rule (MIERUKA_CORS_ORIGINS, otherwise the page's own
 * origin only). Browsers apply CORS to the long-polling transport but not to WebSockets, so
 * the handshake itself is refused for any other origin; the CORS headers then only matter
 * to polling clients of the listed origins.
 */
export class OriginCheckedIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly origins: readonly string[],
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const allowRequest: ServerOptions['allowRequest'] = (req, answer) => {
      const { origin, host } = req.headers;
      if (originAllowed(origin, [host, req.headers['x-forwarded-host']], this.origins)) {
        answer(null, true);
      } else {
        answer(`origin ${String(origin)} is not allowed (MIERUKA_CORS_ORIGINS)`, false);
      }
    };
    const cors = this.origins.length > 0 ? { origin: [...this.origins] } : undefined;
    return super.createIOServer(port, {
      ...options,
      ...(cors ? { cors: { ...cors, methods: ['GET', 'POST'] } } : {}),
      allowRequest,
    }) as Server;
  }
}
