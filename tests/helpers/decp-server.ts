// A real HTTP server on 127.0.0.1 serving real DECP sample files, whose behaviour a test switches:
// normal (with ETag and 304), connection cut mid-body, HTTP 500, stalled, empty, or other content.
import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type Mode = "ok" | "cut" | "500" | "stall" | "drip" | "empty";

export interface DecpServer {
  url: string;
  /** What GET /decp.json serves in mode ok. */
  content: Buffer;
  mode: Mode;
  requests: { status: number; conditional: boolean }[];
  close(): Promise<void>;
}

export async function startDecpServer(content: Buffer): Promise<DecpServer> {
  const state: DecpServer = { url: "", content, mode: "ok", requests: [], close: async () => {} };
  const server: Server = createServer((req, res) => {
    const body = state.content;
    const etag = `"${createHash("sha256").update(body).digest("hex").slice(0, 16)}"`;
    const conditional = req.headers["if-none-match"] !== undefined;
    const answer = (status: number) => state.requests.push({ status, conditional });
    switch (state.mode) {
      case "500":
        answer(500);
        res.writeHead(500).end("erreur interne");
        return;
      case "empty":
        answer(200);
        res.writeHead(200, { "content-type": "application/json", etag: '"empty"' }).end();
        return;
      case "cut":
        answer(200);
        res.writeHead(200, { "content-length": String(body.length), etag: '"cut"' });
        res.write(body.subarray(0, body.length >> 1), () => res.socket?.destroy());
        return;
      case "stall":
        answer(200);
        res.writeHead(200, { "content-length": String(body.length) });
        res.write(body.subarray(0, 100)); // then nothing: the client's idle time-out must fire
        return;
      case "drip": {
        answer(200);
        res.writeHead(200, { "content-length": String(body.length) });
        let sent = 0;
        const timer = setInterval(() => {
          if (res.destroyed || sent >= body.length) return clearInterval(timer);
          res.write(body.subarray(sent, sent + 2000));
          sent += 2000;
        }, 50);
        res.on("close", () => clearInterval(timer));
        return;
      }
      default:
        if (req.headers["if-none-match"] === etag) {
          answer(304);
          res.writeHead(304, { etag }).end();
          return;
        }
        answer(200);
        res.writeHead(200, {
          "content-type": "application/json",
          etag,
          "content-length": String(body.length),
        });
        res.end(body);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/decp.json`;
  state.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}
