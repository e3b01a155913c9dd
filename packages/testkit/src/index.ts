export { TestClock } from './test-clock.js';
export { freePort } from './free-port.js';
export { capturingLogger, parseCapturedLine, type CapturedLine } from './capturing-logger.js';
export { accessTokenMinter, type MintAccessToken, type TokenMinterOptions } from './access-tokens.js';
export * from './builders.js';
export { sampleImage, pngClaiming, SAMPLE_GPS } from './images.js';
