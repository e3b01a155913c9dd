export { createApp, MAX_BODY_BYTES } from './app.js';
export { loadConfig, type Config } from './config.js';
export { startLocalServer, type RunningServer } from './home/server.js';
export { DEMO_ACCOUNTS } from './home/demo-data.js';
export type { AppOptions } from './context.js';
