/** The part of qrcode 1.5's mask module that qr-mask.ts replaces (qrcode's symbol builder calls it by property). */
declare module 'qrcode/lib/core/mask-pattern.js' {
  interface ModuleMatrix {
    size: number;
    data: Uint8Array;
    reservedBit: Uint8Array;
  }
  const maskPattern: {
    getBestMask(matrix: ModuleMatrix, setupFormatInfo: (mask: number) => void): number;
    applyMask(mask: number, matrix: ModuleMatrix): void;
  };
  export default maskPattern;
}
