import sharp from 'sharp';

export const IMAGE_WIDTH = 1200;
export const IMAGE_HEIGHT = 630;

/** One small valid JPEG (a soft diagonal gradient), made once and copied for every image. */
export async function makeJpeg(): Promise<Buffer> {
  const pixels = Buffer.alloc(IMAGE_WIDTH * IMAGE_HEIGHT * 3);
  let i = 0;
  for (let y = 0; y < IMAGE_HEIGHT; y++) {
    for (let x = 0; x < IMAGE_WIDTH; x++) {
      const t = (x + y) / (IMAGE_WIDTH + IMAGE_HEIGHT);
      pixels[i++] = Math.round(20 + 40 * t);
      pixels[i++] = Math.round(90 + 80 * t);
      pixels[i++] = Math.round(140 + 90 * t);
    }
  }
  return sharp(pixels, { raw: { width: IMAGE_WIDTH, height: IMAGE_HEIGHT, channels: 3 } })
    .jpeg({ quality: 70 })
    .toBuffer();
}
