export { createSharpImageProcessor } from './sharp-image-processor.js';
