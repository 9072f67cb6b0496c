import sharp from 'sharp';
import type { UploadMime } from '@xlx/shared';

/** Longest side kept: plenty for a phone screen, a fraction of a 12-megapixel original. */
export const IMAGE_LONG_SIDE = 2048;

// Photos are few and small: no cache of decoded images kept between uploads.
sharp.cache(false);

/**
 * Decodes and encodes a photo again: only the pixels survive. Every kind of metadata goes (Exif
 * with its GPS wherever it points from, XMP, a second image appended after the first, as motion
 * and multi-picture photos carry), the Exif orientation is applied to the pixels, and the long
 * side is capped. Returns null when the bytes do not decode as an image.
 */
export async function reencodeImage(bytes: Buffer, mime: UploadMime): Promise<Buffer | null> {
  try {
    const image = sharp(bytes, { failOn: 'error', limitInputPixels: 50_000_000, pages: 1 })
      .rotate()
      .resize({ width: IMAGE_LONG_SIDE, height: IMAGE_LONG_SIDE, fit: 'inside', withoutEnlargement: true });
    const encoded =
      mime === 'image/png'
        ? image.png({ compressionLevel: 9 })
        : mime === 'image/webp'
          ? image.webp({ quality: 82 })
          : image.jpeg({ quality: 82, mozjpeg: true });
    return await encoded.toBuffer();
  } catch {
    return null;
  }
}

/** A picture for print inside an SVG poster: a JPEG of at most 1200 px across. Null when it does not decode. */
export async function posterJpeg(bytes: Buffer): Promise<Buffer | null> {
  try {
    return await sharp(bytes, { failOn: 'error', limitInputPixels: 50_000_000, pages: 1 })
      .resize({ width: 1200, height: 1200, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 80 })
      .toBuffer();
  } catch {
    return null;
  }
}
