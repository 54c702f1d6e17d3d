import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer as createHttpsServer, type Server } from "node:https";
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from "node:net";
import { join } from "node:path";
import { createDefaultHttpClient, type HttpClient } from "@azure/core-rest-pipeline";
import { expect } from "vitest";
import { replayKey } from "../../src/azure/replay.js";
import type { Answer } from "./har.js";
import type { Origins } from "./hostile-answers.js";
import { temporaryFolder } from "./sample.js";
import { run } from "./tools.js";

/**
 * HTTPS servers on loopback for live-mode tests. One certificate, valid for 127.0.0.1 and for the
 * name "localhost", serves two HTTPS servers (the endpoint, and another port); a third server takes
 * TCP connections and never completes TLS. Every request is noted with the origin it was sent to
 * (from its Host header) and the Authorization header it carried, so a test sees what each host
 * received, not what the tool says it sent.
 */
export interface Seen {
  origin: string;
  request: string;
  authorization: string;
}

export interface LoopbackServers {
  /** own: https://127.0.0.1:<port>; otherHost: https://localhost:<same port>; otherPort: the second server. */
  origins: Origins;
  /** A server that accepts TCP connections and never answers the TLS handshake. */
  silentOrigin: string;
  /** Every request any server received, in order. */
  seen: Seen[];
  /** Answers from now on: recorded answers in order per request, the last one repeating, as replay serves them. */
  serve(answers: readonly Answer[]): void;
  /** A request that gets nothing at all, or headers and half a body, then nothing. */
  stall(method: string, url: string, how: "no answer" | "half a body"): void;
  /** The SDK's own HTTPS transport, told to trust the loopback certificate (an option of every request it sends). */
  transport: HttpClient;
  close(): Promise<void>;
}

export async function startLoopbackServers(): Promise<LoopbackServers> {
  const folder = temporaryFolder("loopback-servers");
  const made = run("openssl", [
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-days",
    "1",
    "-subj",
    "/CN=127.0.0.1",
    "-addext",
    "subjectAltName=IP:127.0.0.1,DNS:localhost",
    "-keyout",
    join(folder, "key.pem"),
    "-out",
    join(folder, "cert.pem"),
  ]);
  expect(made.status, made.stderr).toBe(0);
  const ca = readFileSync(join(folder, "cert.pem"));
  const tls = { key: readFileSync(join(folder, "key.pem")), cert: ca };

  const seen: Seen[] = [];
  const sockets = new Set<Socket>();
  let queues = new Map<string, Answer[]>();
  let stalled = new Map<string, "no answer" | "half a body">();

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const origin = `https://${request.headers.host ?? "unknown"}`;
    const key = replayKey(request.method ?? "GET", `${origin}${request.url ?? "/"}`);
    seen.push({ origin, request: `${request.method} ${origin}${request.url}`, authorization: request.headers.authorization ?? "(none)" });
    request.resume();
    request.on("end", () => {
      const stall = stalled.get(key);
      if (stall === "no answer") return;
      if (stall === "half a body") {
        response.writeHead(200, { "content-type": "application/json", "content-length": "100" }).write('{"value":[');
        return;
      }
      const queue = queues.get(key);
      const answer = queue && queue.length > 1 ? queue.shift() : queue?.[0];
      if (!answer) {
        response.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "NotFound", message: key } }));
        return;
      }
      const body = answer.raw ?? Buffer.from(answer.body === undefined ? "" : JSON.stringify(answer.body));
      response.writeHead(answer.status ?? 200, { "content-type": "application/json", ...answer.headers }).end(body);
    });
  };

  const listen = async (server: Server | TcpServer): Promise<string> => {
    server.on("connection", (socket: Socket) => {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
  const main = createHttpsServer(tls, handle);
  const second = createHttpsServer(tls, handle);
  const silent = createTcpServer(() => {});
  const own = await listen(main);
  const otherPort = await listen(second);
  const silentOrigin = await listen(silent);
  const port = new URL(own).port;

  const inner = createDefaultHttpClient();
  return {
    origins: { own, otherHost: `https://localhost:${port}`, otherScheme: `http://127.0.0.1:${port}`, otherPort },
    silentOrigin,
    seen,
    serve(answers) {
      queues = new Map();
      for (const answer of answers) {
        const key = replayKey(answer.method ?? "GET", answer.url);
        queues.set(key, [...(queues.get(key) ?? []), answer]);
      }
      stalled = new Map();
    },
    stall(method, url, how) {
      stalled.set(replayKey(method, url), how);
    },
    transport: {
      sendRequest(request) {
        request.requestOverrides = { ...request.requestOverrides, ca };
        return inner.sendRequest(request);
      },
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await Promise.all([main, second, silent].map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    },
  };
}
