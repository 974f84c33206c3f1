import { connect, type Socket } from 'node:net';

/** Whether an answer's body is wanted, told its status. */
export type KeepBody = (status: number) => boolean;

/** What a raw connection hands back per answer: the status, and the body when it was asked for. */
export type RawAnswer = Readonly<{ status: number; body?: string }>;

const CRLF_CRLF = Buffer.from('\r\n\r\n');

/**
 * One keep-alive HTTP/1.1 connection for the closed-loop load generator, without Node's `http`
 * client (its parser, agent, IncomingMessage streams and per-request objects cost the bench process
 * about a fifth of what a balance read costs the server, on the same two cores). It writes the
 * request's bytes in one write and reads only what it needs of the answer: the status line, the
 * framing headers (Content-Length, or a chunked body) and, when asked, the body. One request at a
 * time: the loop sends the next when this one was answered. A server that closes the connection
 * (`Connection: close`, its keep-alive timeout) is reconnected to at the next request.
 */
export class RawConnection {
  private socket?: Socket;
  private received: Buffer[] = [];
  private receivedBytes = 0;
  private waiting?: { resolve: (a: RawAnswer) => void; reject: (e: Error) => void; keepBody: KeepBody };

  constructor(private readonly port: number) {}

  send(request: string | Buffer, keepBody: KeepBody): Promise<RawAnswer> {
    return new Promise<RawAnswer>((resolve, reject) => {
      this.waiting = { resolve, reject, keepBody };
      this.connected().write(request);
    });
  }

  close(): void {
    this.socket?.destroy();
    this.socket = undefined;
  }

  private connected(): Socket {
    if (this.socket && !this.socket.destroyed) return this.socket;
    const socket = connect({ host: '127.0.0.1', port: this.port, noDelay: true });
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    // Only the current socket's end fails the request in flight: one closed after its last answer is done with.
    socket.on('error', (error) => this.socket === socket && this.fail(error));
    socket.on('close', () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.fail(new Error('the server closed the connection before it answered'));
    });
    this.socket = socket;
    this.received = [];
    this.receivedBytes = 0;
    return socket;
  }

  private fail(error: Error): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.reject(error);
  }

  private onData(chunk: Buffer): void {
    this.received.push(chunk);
    this.receivedBytes += chunk.length;
    const all = this.received.length === 1 ? chunk : Buffer.concat(this.received, this.receivedBytes);
    const answer = parseAnswer(all, this.waiting?.keepBody ?? (() => false));
    if (!answer) {
      this.received = [all];
      return; // not all of it yet
    }
    const rest = all.subarray(answer.length);
    this.received = rest.length ? [rest] : [];
    this.receivedBytes = rest.length;
    if (answer.close) this.close();
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.resolve({ status: answer.status, body: answer.body });
  }
}

/**
 * One whole answer at the start of `bytes`, or null while part of it is still to come: its status,
 * its length in bytes, whether the server closes the connection after it, and its body if kept.
 */
export const parseAnswer = (bytes: Buffer, keepBodyOf: KeepBody): { status: number; length: number; close: boolean; body?: string } | null => {
  const headEnd = bytes.indexOf(CRLF_CRLF);
  if (headEnd < 0) return null;
  const head = bytes.toString('latin1', 0, headEnd);
  const status = Number(head.slice(9, 12));
  if (!(status >= 100 && status < 600)) throw new Error(`not an HTTP answer: ${JSON.stringify(head.slice(0, 40))}`);
  const keepBody = keepBodyOf(status);
  let contentLength = -1;
  let chunked = false;
  let close = false;
  for (const line of head.split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim().toLowerCase();
    if (name === 'content-length') contentLength = Number(value);
    else if (name === 'transfer-encoding') chunked = value.includes('chunked');
    else if (name === 'connection') close = value === 'close';
  }
  const bodyStart = headEnd + 4;
  if (chunked) {
    const parts: Buffer[] = [];
    let at = bodyStart;
    for (;;) {
      const sizeEnd = bytes.indexOf('\r\n', at, 'latin1');
      if (sizeEnd < 0) return null;
      const size = parseInt(bytes.toString('latin1', at, sizeEnd), 16);
      if (Number.isNaN(size)) throw new Error('a chunked answer with a malformed chunk size');
      if (size === 0) {
        // The last chunk, no trailers expected: its line and an empty one.
        const end = bytes.indexOf(CRLF_CRLF, sizeEnd - 2);
        if (end < 0) return null;
        return { status, length: end + 4, close, body: keepBody ? Buffer.concat(parts).toString('utf8') : undefined };
      }
      const dataEnd = sizeEnd + 2 + size;
      if (bytes.length < dataEnd + 2) return null;
      if (keepBody) parts.push(bytes.subarray(sizeEnd + 2, dataEnd));
      at = dataEnd + 2;
    }
  }
  // No Content-Length and not chunked: only an answer without a body (204, 304, 1xx) is framed here.
  const length = contentLength < 0 ? 0 : contentLength;
  if (bytes.length < bodyStart + length) return null;
  return { status, length: bodyStart + length, close, body: keepBody ? bytes.toString('utf8', bodyStart, bodyStart + length) : undefined };
};

/** A request's bytes: request line, Host, the caller's headers, and the body's type and length when there is one. */
export const requestBytes = (port: number, method: string, path: string, headers: Record<string, string> | undefined, body: string | undefined): string => {
  let text = `${method} ${path} HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\n`;
  for (const [name, value] of Object.entries(headers ?? {})) text += `${name}: ${value}\r\n`;
  if (body !== undefined) text += `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  else text += '\r\n';
  return text;
};
