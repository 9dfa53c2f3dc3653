export { createApp, type KairosApp } from './app.js';
export { DEFAULT_CONFIG, type AppDeps, type ServerConfig, type RateLimitConfig } from './deps.js';
export { createLogger, silentLogger, redactUrl, type Logger } from './logger.js';
export { clientErrorListener, clientErrorResponse } from './client-error.js';
