import { crc32 } from 'node:zlib';
import sharp from 'sharp';

/** Where the sample photos claim to have been taken (a test checks that no variant still says so). */
export const SAMPLE_GPS = { GPSLatitudeRef: 'N', GPSLatitude: '52/1 31/1 12/1', GPSLongitudeRef: 'E', GPSLongitude: '13/1 24/1 36/1' };

/**
 * A photo-like test image: a gradient with a shape, so encoders have something to encode. With
 * `gps`, a JPEG carries EXIF with a camera and a location, as a phone's photo does.
 */
export async function sampleImage(format: 'jpeg' | 'png' | 'webp', options: { width?: number; height?: number; gps?: boolean } = {}): Promise<Buffer> {
  const width = options.width ?? 1600;
  const height = options.height ?? 1000;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#1e3a8a"/><stop offset="1" stop-color="#f97316"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/><circle cx="${width / 2}" cy="${height / 2}" r="${Math.min(width, height) / 4}" fill="#fde68a"/></svg>`;
  const image = sharp(Buffer.from(svg));
  if (format === 'png') return image.png().toBuffer();
  if (format === 'webp') return image.webp().toBuffer();
  const jpeg = image.jpeg({ quality: 90 });
  return (options.gps ? jpeg.withExif({ IFD0: { Make: 'TestCam', Model: 'Phone 1' }, IFD3: SAMPLE_GPS }) : jpeg).toBuffer();
}

/**
 * A decompression bomb in miniature: a real, tiny PNG whose header is rewritten to claim
 * width x height (the IHDR checksum recomputed, so only the size is a lie).
 */
export async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const png = Buffer.from(await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888888' } }).png().toBuffer());
  // Signature (8), IHDR length (4), "IHDR" (4), then width and height; the CRC covers type and data (17 bytes).
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}
