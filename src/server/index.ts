export { createApp, API_VERSION, type AppOptions } from './app.js';
export { startServer, type ServeOptions, type RunningServer } from './serve.js';
export { ApiError, type ErrorCode } from './errors.js';
export type { Principal } from './auth.js';
