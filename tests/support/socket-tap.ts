import type { Page } from 'playwright-core';

/**
 * Sits between the page's Socket.IO connection and the API (Playwright's WebSocket routing):
 * records what the wallboard sends, and can drop what the server sends — one `update` (a gap
 * in seq, as a congested TV sees it), or every heartbeat and update (a connection that went
 * silent without closing). Frames look like `42/live,["update",{…}]`.
 */
export interface SocketTap {
  /** Frames the page sent, oldest first. */
  readonly sent: string[];
  /** Drop the next `update` frame of the server. */
  dropNextUpdate(): void;
  /** Drop every `heartbeat` and `update` while true. */
  silence(on: boolean): void;
  /** How many frames were dropped so far. */
  dropped(): number;
}

const EVENT = /^42\/live,\d*\["(\w+)"/;

export async function tapSocket(page: Page): Promise<SocketTap> {
  const sent: string[] = [];
  let dropUpdate = false;
  let silent = false;
  let dropped = 0;
  await page.routeWebSocket(/\/socket\.io\//, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      if (typeof message === 'string') sent.push(message);
      server.send(message);
    });
    server.onMessage((message) => {
      const event = typeof message === 'string' ? EVENT.exec(message)?.[1] : undefined;
      if (event === 'update' && dropUpdate) {
        dropUpdate = false;
        dropped++;
        return;
      }
      if (silent && (event === 'update' || event === 'heartbeat')) {
        dropped++;
        return;
      }
      ws.send(message);
    });
  });
  return {
    sent,
    dropNextUpdate: () => {
      dropUpdate = true;
    },
    silence: (on) => {
      silent = on;
    },
    dropped: () => dropped,
  };
}
