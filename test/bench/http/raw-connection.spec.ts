import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseAnswer, RawConnection, requestBytes } from './raw-connection';

const all = () => true;

describe('the load generator reads answers off raw sockets', () => {
  it('frames an answer by Content-Length and waits for all of it', () => {
    const bytes = Buffer.from('HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{"a":"bé"}');
    expect(Buffer.byteLength('{"a":"bé"}')).toBe(11);
    expect(parseAnswer(bytes.subarray(0, 20), all)).toBeNull();
    expect(parseAnswer(bytes.subarray(0, bytes.length - 1), all)).toBeNull();
    expect(parseAnswer(Buffer.concat([bytes, Buffer.from('HTTP/1.1 200')]), all)).toEqual({ status: 201, length: bytes.length, close: false, body: '{"a":"bé"}' });
  });

  it('reads a chunked answer to its last chunk, and only keeps a body asked for', () => {
    const bytes = Buffer.from('HTTP/1.1 400 Bad Request\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n');
    expect(parseAnswer(bytes.subarray(0, bytes.length - 2), all)).toBeNull();
    expect(parseAnswer(bytes, all)).toEqual({ status: 400, length: bytes.length, close: true, body: 'abcde' });
    expect(parseAnswer(bytes, (status) => status !== 400)?.body).toBeUndefined();
  });

  it('refuses what is not an HTTP answer', () => {
    expect(() => parseAnswer(Buffer.from('hello there\r\n\r\n'), all)).toThrow('not an HTTP answer');
  });

  describe('against a Node server', () => {
    let server: Server;
    let port: number;
    const seen: Array<{ method?: string; url?: string; key?: string; body: string }> = [];
    beforeAll(async () => {
      server = createServer((req, res) => {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => {
          seen.push({ method: req.method, url: req.url, key: req.headers['idempotency-key'] as string | undefined, body });
          if (req.url === '/chunked') {
            res.write('{"part":');
            res.end('1}');
          } else if (req.url === '/close') {
            res.setHeader('connection', 'close');
            res.end('bye');
          } else res.end(JSON.stringify({ echo: body }));
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('sends requests one after another on one connection, reconnecting after the server closed it', async () => {
      const connection = new RawConnection(port);
      const post = await connection.send(requestBytes(port, 'POST', '/x', { 'idempotency-key': 'k1' }, '{"n":1}'), all);
      expect(post).toEqual({ status: 200, body: JSON.stringify({ echo: '{"n":1}' }) });
      expect(await connection.send(requestBytes(port, 'GET', '/chunked', undefined, undefined), all)).toEqual({ status: 200, body: '{"part":1}' });
      expect(await connection.send(requestBytes(port, 'GET', '/close', undefined, undefined), all)).toEqual({ status: 200, body: 'bye' });
      expect(await connection.send(requestBytes(port, 'GET', '/again', undefined, undefined), () => false)).toEqual({ status: 200, body: undefined });
      connection.close();
      expect(seen.map((s) => [s.method, s.url, s.key, s.body])).toEqual([
        ['POST', '/x', 'k1', '{"n":1}'],
        ['GET', '/chunked', undefined, ''],
        ['GET', '/close', undefined, ''],
        ['GET', '/again', undefined, ''],
      ]);
    });
  });
});
