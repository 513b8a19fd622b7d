/**
 * The viewers of `npm run bench:dashboard`, in a process of their own so they do not share the
 * server's event loop: each opens the strategy's live stream (Server-Sent Events) over a plain
 * HTTP connection of its own, as a signed-in member (a session cookie) or as a visitor (none),
 * and records every change event it receives: its seq, when it arrived, and the event's own
 * occurredAt (times on a clock every process on the machine shares). Driven by
 * scripts/bench-dashboard.ts over IPC.
 */
import http from "node:http";
import { performance } from "node:perf_hooks";

export type Viewer = { key: string; cookie: string | null };
export type ClientsRequest =
  | { type: "connect"; origin: string; path: string; viewers: Viewer[] }
  | { type: "count" }
  | { type: "report" }
  | { type: "stop" };

type Connection = {
  key: string;
  request: http.ClientRequest;
  status: number;
  seqs: number[];
  receivedAt: number[];
  occurredAt: number[];
  entityIds: (string | null)[];
  /** Events that were not `change` events with a JSON body we could read. */
  unreadable: number;
  closed: boolean;
  error: string | null;
  /** Times the stream ended and was opened again from the last event id, as a browser's EventSource does. */
  reconnects: number;
};

let stopping = false;

/** Milliseconds on a clock every process on the machine shares. */
const now = () => performance.timeOrigin + performance.now();
const connections: Connection[] = [];

function open(origin: string, path: string, viewer: Viewer): Promise<Connection> {
  const connection: Connection = {
    key: viewer.key,
    request: null as unknown as http.ClientRequest,
    status: 0,
    seqs: [],
    receivedAt: [],
    occurredAt: [],
    entityIds: [],
    unreadable: 0,
    closed: false,
    error: null,
    reconnects: 0,
  };
  return connect(connection, origin, path, viewer, null);
}

function connect(connection: Connection, origin: string, path: string, viewer: Viewer, lastEventId: string | null): Promise<Connection> {
  return new Promise((resolve) => {
    const url = new URL(path, origin);
    const headers = {
      accept: "text/event-stream",
      ...(viewer.cookie ? { cookie: viewer.cookie } : {}),
      ...(lastEventId ? { "last-event-id": lastEventId } : {}),
    };
    // A stream the server ends (its lifetime) is opened again after the retry it asked for.
    const reopen = () => {
      if (stopping || connection.status !== 200) return;
      connection.reconnects += 1;
      const last = connection.seqs.at(-1);
      setTimeout(() => void connect(connection, origin, path, viewer, last === undefined ? lastEventId : String(last)), 2000);
    };
    connection.request = http.get(
      url,
      { agent: false, headers },
      (response) => {
        connection.status = response.statusCode ?? 0;
        connection.closed = false;
        resolve(connection);
        response.setEncoding("utf8");
        let buffer = "";
        response.on("data", (chunk: string) => {
          const at = now();
          buffer += chunk;
          // An event ends with a blank line; a chunk may hold several, or part of one.
          let end: number;
          while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, "");
            read(connection, block, at);
          }
        });
        response.on("end", () => {
          connection.closed = true;
          reopen();
        });
        response.on("error", (error) => (connection.error = error.message));
      },
    );
    connection.request.on("error", (error) => {
      connection.error = error.message;
      connection.closed = true;
      resolve(connection);
    });
  });
}

function read(connection: Connection, block: string, at: number) {
  let event = "message";
  const data: string[] = [];
  let id: string | null = null;
  for (const line of block.split(/\r?\n/)) {
    if (line.startsWith(":") || line === "") continue;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "event") event = value;
    else if (field === "data") data.push(value);
    else if (field === "id") id = value;
  }
  if (!data.length && id === null) return;
  if (event !== "change") {
    connection.unreadable += 1;
    return;
  }
  try {
    const body = JSON.parse(data.join("\n")) as { seq: number; occurredAt: string; entityId: string | null };
    connection.seqs.push(Number(body.seq ?? id));
    connection.receivedAt.push(at);
    connection.occurredAt.push(Date.parse(body.occurredAt));
    connection.entityIds.push(body.entityId ?? null);
  } catch {
    connection.unreadable += 1;
  }
}

process.on("message", async (request: ClientsRequest) => {
  switch (request.type) {
    case "connect": {
      // In batches, as a crowd arriving over a few seconds would.
      for (let i = 0; i < request.viewers.length; i += 20) {
        connections.push(...(await Promise.all(request.viewers.slice(i, i + 20).map((v) => open(request.origin, request.path, v)))));
      }
      process.send!({
        statuses: connections.map((c) => c.status),
        errors: connections.filter((c) => c.error).map((c) => c.error),
      });
      break;
    }
    case "count":
      process.send!({ events: connections.reduce((n, c) => n + c.seqs.length, 0), closed: connections.filter((c) => c.closed).length });
      break;
    case "report": {
      const cpu = process.cpuUsage();
      process.send!({
        cpuSeconds: (cpu.user + cpu.system) / 1e6,
        connections: connections.map((c) => ({
          key: c.key,
          status: c.status,
          seqs: Float64Array.from(c.seqs),
          receivedAt: Float64Array.from(c.receivedAt),
          occurredAt: Float64Array.from(c.occurredAt),
          entityIds: c.entityIds,
          unreadable: c.unreadable,
          reconnects: c.reconnects,
          closed: c.closed,
          error: c.error,
        })),
      });
      break;
    }
    case "stop":
      stopping = true;
      for (const c of connections) c.request.destroy();
      process.send!({});
      process.exit(0);
  }
});

process.send!({ ready: true });
