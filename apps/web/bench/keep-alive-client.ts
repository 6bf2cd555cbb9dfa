import { connect, type Socket } from "node:net";

/**
 * A lean HTTP/1.1 load generator for benches (decision 070): `connections` keep-alive sockets
 * opened once, each writing prebuilt request bytes and reading one answer at a time. What a
 * remote sender's client costs runs on its own machine, not ours; undici's fetch (a Request,
 * Headers, a body stream and a Response per call) cost as much CPU as the server it measured,
 * and autocannon opens its sockets anew per run and answers at a sample tick. Only what our
 * servers send is parsed: a status line, headers with a Content-Length, that many bytes.
 */
export class KeepAliveClient {
  private readonly sockets: Socket[] = [];

  static async open(baseUrl: string, connections: number): Promise<KeepAliveClient> {
    const url = new URL(baseUrl);
    const client = new KeepAliveClient();
    await Promise.all(
      Array.from({ length: connections }, async () => {
        const socket = connect({ host: url.hostname, port: Number(url.port), noDelay: true });
        await new Promise<void>((resolve, reject) => {
          socket.once("connect", resolve);
          socket.once("error", reject);
        });
        client.sockets.push(socket);
      }),
    );
    return client;
  }

  /** A POST's bytes, built ahead (the sender's work). */
  static post(path: string, headers: Record<string, string>, body: string): Buffer {
    const payload = Buffer.from(body);
    const lines = [`POST ${path} HTTP/1.1`, "host: bench", "connection: keep-alive"];
    for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
    lines.push(`content-length: ${payload.byteLength}`, "", "");
    return Buffer.concat([Buffer.from(lines.join("\r\n")), payload]);
  }

  /** Sends `count` requests from `next()`, one at a time per socket, all sockets at once. */
  async burst(
    count: number,
    next: () => Buffer,
    check: (status: number, body: string) => void,
  ): Promise<void> {
    let sent = 0;
    await Promise.all(
      this.sockets.map(async (socket) => {
        while (sent < count) {
          sent += 1;
          const answer = await exchange(socket, next());
          check(answer.status, answer.body);
        }
      }),
    );
  }

  close(): void {
    for (const socket of this.sockets) socket.destroy();
  }
}

/** Writes one request and reads its one answer (status, body) off a keep-alive socket. */
function exchange(socket: Socket, request: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    let buffered: Buffer = Buffer.alloc(0);
    const done = (error?: Error, answer?: { status: number; body: string }) => {
      socket.off("data", onData);
      socket.off("error", onError);
      socket.off("close", onClose);
      if (error) reject(error);
      else if (answer) resolve(answer);
    };
    const onError = (error: Error) => done(error);
    const onClose = () => done(new Error("the server closed the connection"));
    const onData = (chunk: Buffer) => {
      buffered = buffered.byteLength === 0 ? chunk : Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf("\r\n\r\n");
      if (end < 0) return;
      const head = buffered.subarray(0, end).toString("latin1");
      const length = /\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1];
      if (length === undefined) {
        done(new Error(`an answer without Content-Length: ${head.split("\r\n")[0]}`));
        return;
      }
      if (buffered.byteLength < end + 4 + Number(length)) return;
      const status = Number(head.slice(9, 12));
      const body = buffered.subarray(end + 4, end + 4 + Number(length)).toString("utf8");
      done(undefined, { status, body });
    };
    socket.on("data", onData);
    socket.on("error", onError);
    socket.on("close", onClose);
    socket.write(request);
  });
}
