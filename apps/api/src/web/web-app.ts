import type { INestApplication } from '@nestjs/common';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';

/**
 * Where the built web application is: WEB_DIR, or `dist/web` of the checkout this code runs from
 * (found upwards from here, so it works from the sources and from `dist/`). Null when it was not built.
 */
export const findWebDir = (env: NodeJS.ProcessEnv = process.env): string | null => {
  if (env.WEB_DIR) return existsSync(join(env.WEB_DIR, 'index.html')) ? resolve(env.WEB_DIR) : null;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'dist', 'web');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    if (dirname(dir) === dir) return null;
  }
};

/**
 * Serves the web application at `/` (D49): its files under `/assets/…`, `index.html` at `/`, and
 * `index.html` for every other GET from a browser (it prefers HTML to JSON) whose first path segment
 * is not one of the API's — so `/bedrijven/…` opens the app while every API route keeps its path,
 * and an unknown path asked for by an API client stays a JSON 404.
 */
export const serveWebApp = (app: INestApplication, webDir: string, apiSegments: () => ReadonlySet<string>, oidcIssuer?: string): void => {
  const index = readFileSync(join(webDir, 'index.html'));
  // The app talks to its own origin and to the identity provider (discovery, token endpoint); loopback for the local one.
  const provider = oidcIssuer ? ` ${new URL(oidcIssuer).origin}` : '';
  const csp = `default-src 'self'; connect-src 'self' http://127.0.0.1:* http://localhost:*${provider}; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'${provider}`;
  app.use('/assets', express.static(join(webDir, 'assets'), { immutable: true, maxAge: '1y', index: false }));
  app.use('/assets', (_req: Request, res: Response) => {
    res.status(404).json({ statusCode: 404, code: 'NOT_FOUND', message: 'no such file of the web application' });
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const segment = req.path.split('/')[1] ?? '';
    if (apiSegments().has(segment)) return next();
    if (segment !== '' && /\.[a-z0-9]+$/i.test(req.path)) {
      const file = join(webDir, req.path);
      if (file.startsWith(webDir + '/') && existsSync(file)) return res.sendFile(file);
      return next();
    }
    // A browser asks for HTML; an API client asking for JSON (or anything) at an unknown path gets the API's 404.
    if (segment !== '' && req.accepts(['json', 'html']) !== 'html') return next();
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.setHeader('cache-control', 'no-cache');
    res.setHeader('content-security-policy', csp);
    res.end(req.method === 'HEAD' ? undefined : index);
  });
};
