import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { LEDGER_CONFIG, type LedgerConfig, type LedgerModuleOptions } from '@asb/ledger';
import { AppModule } from './app.module';
import { LedgerMetrics } from './metrics/ledger-metrics';
import { validationPipe } from './http/validation';
import { jsonBodyMiddleware } from './http/input/json-body.middleware';
import { queryShapeMiddleware } from './http/input/query-shape';
import { findWebDir, serveWebApp } from './web/web-app';
import { ReadYourWrites, ReadYourWritesAdapter } from './http/read-your-writes';
import { ACCESS_LOG, type AccessLog } from './http/request-logging';
import { openApiDocumentOf } from './http/openapi-document';

/** The HTTP application as main.ts and the e2e tests build it. */
export const createApp = async (ledger: LedgerModuleOptions, options: { logger?: boolean } = {}): Promise<INestApplication> => {
  const http = new ReadYourWritesAdapter();
  const app = await NestFactory.create(AppModule.forRoot(ledger), http, { bodyParser: false, bufferLogs: true, logger: options.logger === false ? false : undefined });
  http.waitWith(app.get(ReadYourWrites));
  if (options.logger !== false) app.useLogger(app.get(Logger));
  // The access log first, so that refusals of the body parser are on it too.
  const accessLog = app.get<AccessLog | null>(ACCESS_LOG);
  if (accessLog) app.use(accessLog);
  app.use(app.get(LedgerMetrics).httpTimer);
  // Our own JSON parser: limits, 413/415/400 instead of 500, and the body-wide input conventions.
  app.use(queryShapeMiddleware());
  app.use(jsonBodyMiddleware());
  const { validationPlans, transformMetadataKept } = app.get<LedgerConfig>(LEDGER_CONFIG);
  app.useGlobalPipes(validationPipe({ plans: validationPlans, transformMetadata: transformMetadataKept }));
  app.enableShutdownHooks();
  let document: OpenAPIObject | undefined;
  const openApiDocument = () => (document ??= openApiDocumentOf(app));
  SwaggerModule.setup('docs', app, openApiDocument);
  // The web application at `/` (D49); the API's own first path segments stay the API's.
  const webDir = findWebDir();
  if (webDir) {
    let segments: Set<string> | undefined;
    serveWebApp(app, webDir, () => (segments ??= new Set(['docs', 'docs-json', 'docs-yaml', ...Object.keys(openApiDocument().paths).map((p) => p.split('/')[1] ?? '')])), ledger.config.oidcIssuer);
  }
  return app;
};
