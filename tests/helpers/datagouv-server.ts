// A real HTTP server on 127.0.0.1 answering as data.gouv.fr does for what a refresh asks: the
// resources of a dataset (GET /api/1/datasets/{id}/), and each resource's file, with an ETag and
// a 304 to a conditional GET when the file has not changed. Files can be replaced between runs.
import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Resource {
  id: string;
  title: string;
  format: string;
  /** The file's name in the server's `files`. */
  file: string;
}

export interface DatagouvServer {
  /** The API root to put in the config (datagouvApi). */
  api: string;
  files: Map<string, Buffer>;
  requests: { path: string; status: number; conditional: boolean }[];
  close(): Promise<void>;
}

export async function startDatagouvServer(
  datasets: Record<string, Resource[]>,
  files: Record<string, Buffer>,
): Promise<DatagouvServer> {
  const state: DatagouvServer = {
    api: "",
    files: new Map(Object.entries(files)),
    requests: [],
    close: async () => {},
  };
  let base = "";
  const server: Server = createServer((req, res) => {
    const path = req.url ?? "/";
    const conditional = req.headers["if-none-match"] !== undefined;
    const answer = (status: number) => state.requests.push({ path, status, conditional });
    const dataset = /^\/api\/1\/datasets\/([0-9a-f]{24})\/$/.exec(path);
    if (dataset) {
      const resources = datasets[dataset[1]];
      if (!resources) {
        answer(404);
        res.writeHead(404).end();
        return;
      }
      answer(200);
      res.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify({
          id: dataset[1],
          resources: resources.map((r) => ({
            id: r.id,
            title: r.title,
            format: r.format,
            url: `${base}/files/${r.file}`,
          })),
        }),
      );
      return;
    }
    const body = state.files.get(path.replace(/^\/files\//, ""));
    if (!path.startsWith("/files/") || !body) {
      answer(404);
      res.writeHead(404).end();
      return;
    }
    const etag = `"${createHash("sha256").update(body).digest("hex").slice(0, 16)}"`;
    if (req.headers["if-none-match"] === etag) {
      answer(304);
      res.writeHead(304, { etag }).end();
      return;
    }
    answer(200);
    res.writeHead(200, { etag, "content-length": String(body.length) }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.api = `${base}/api/1`;
  state.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}
