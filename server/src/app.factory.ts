import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { Logger, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { ErrorCode, errorMessage } from '@itss/shared';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppModule } from './app.module';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import {
  addResponseDefaults,
  clientErrorHandler,
  fastifyTrustProxy,
  helmetOptions,
  requestTimeouts,
  standinBaseUrl,
} from './common/http-hygiene';
import { keepRawBody } from './common/raw-body';
import { StartupAwareLogger } from './common/startup';
import { createValidationPipe } from './common/validation';
import { type AppConfig, STANDIN_PREFIX } from './config/config';
import { MULTIPART_LIMITS } from './modules/files/upload-reader';
import { wechatStandin } from './wechat/standin/standin';
import { WECHATPAY_NOTIFY_PATH, WECHATPAY_STANDIN_PREFIX } from './config/wechatpay-config';
import { wechatPayStandin } from './wechatpay/standin/standin';
import { registerVerifyRedirect } from './modules/certificates/verify-redirect';

/** The H5 build's names for hashed files (`js/app.e2b58d65.js`), compressed copies included. */
const HASHED_ASSET = /\.[0-9a-f]{8}\.(js|css)(\.br|\.gz)?$/;

// Validation messages reach people: have zod word them in Chinese.
z.config(z.locales.zhCN());

const LOG_LEVELS: Record<AppConfig['logLevel'], LogLevel[]> = {
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  log: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
};

/**
 * Taro.request and many HTTP clients send `content-type: application/json` with no body on a POST
 * such as logout; Fastify would refuse that with 400. Treat it as no body; malformed JSON stays a 400.
 */
function acceptEmptyJsonBodies(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    keepRawBody(request, text);
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    try {
      done(null, JSON.parse(text) as unknown);
    } catch {
      done(Object.assign(new Error('malformed JSON body'), { statusCode: 400 }), undefined);
    }
  });
}

/** Builds the whole application, ready to listen: main.ts and the API tests share this one path. */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: 1024 * 1024,
    trustProxy: fastifyTrustProxy(config.trustProxy),
    ...requestTimeouts(config.requestTimeoutMs),
    clientErrorHandler,
    // Fastify answers a URL it cannot decode before Nest sees the request: keep our error shape.
    frameworkErrors: (_error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
      void reply.code(400).send({ code: ErrorCode.BadRequest, message: errorMessage(ErrorCode.BadRequest) });
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: new StartupAwareLogger({ logLevels: LOG_LEVELS[config.logLevel] }),
    abortOnError: false,
    // Ours instead: see acceptEmptyJsonBodies.
    bodyParser: false,
  });
  app.setGlobalPrefix('api');
  app.useGlobalFilters(new AllExceptionsFilter());
  app.useGlobalPipes(createValidationPipe());
  acceptEmptyJsonBodies(app);
  const fastify = app.getHttpAdapter().getInstance();
  await app.register(fastifyHelmet, helmetOptions(config.h5Dir));
  // Uploads (POST /api/files): parsed as a stream and cut off at the size limit.
  await app.register(fastifyMultipart, { limits: MULTIPART_LIMITS });
  addResponseDefaults(fastify);

  if (config.wechat.serveStandin) {
    // Development without WeChat: this server also plays WeChat, and apiBase points here, at the
    // address and port actually bound (PORT=0 picks one only when listening).
    await app.register(wechatStandin, { prefix: STANDIN_PREFIX });
    fastify.addHook('onListen', function (done) {
      const address = this.server.address();
      if (address && typeof address === 'object') {
        config.wechat.apiBase = standinBaseUrl(address, STANDIN_PREFIX);
      }
      done();
    });
  }
  const wechatpay = config.wechatpay;
  if (wechatpay?.serveStandin) {
    // WeChat Pay played here too, notifying this very server, wherever it is bound.
    await app.register(wechatPayStandin, { prefix: WECHATPAY_STANDIN_PREFIX, appid: wechatpay.appid });
    fastify.addHook('onListen', function (done) {
      const address = this.server.address();
      if (address && typeof address === 'object') {
        wechatpay.apiBase = standinBaseUrl(address, WECHATPAY_STANDIN_PREFIX);
        wechatpay.notifyUrl = standinBaseUrl(address, WECHATPAY_NOTIFY_PATH);
      }
      done();
    });
  }

  // The certificate's QR code links here, outside /api: on to the H5 verification page.
  registerVerifyRedirect(fastify);
  if (existsSync(join(config.h5Dir, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: config.h5Dir,
      prefix: '/',
      // Never .env, .git or editor leftovers that may sit beside a build: 404 like any missing file.
      dotfiles: 'ignore',
      // The build writes a .br and a .gz beside each text file (scripts/precompress.mjs): sent as
      // they are to a browser that accepts them, with Content-Encoding and Vary: Accept-Encoding.
      preCompressed: true,
      // A file with its content's hash in its name never changes: a year. Any other (index.html,
      // the tab icons) may change under the same name, so it is checked again on every use.
      setHeaders: (res, path) => {
        void res.header(
          'cache-control',
          HASHED_ASSET.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  } else {
    new Logger('Static').warn(
      `No H5 build at ${config.h5Dir}: serving the API only (run "npm run build" to build the mini-program)`,
    );
  }
  await app.init();
  return app;
}
