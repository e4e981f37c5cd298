/**
 * @module Where a picked area lies in the visible screenshot. Pure: the picker measures in CSS pixels of the
 * viewport; the screenshot has device pixels (its width over the viewport's width gives the scale, which is
 * more reliable than devicePixelRatio under zoom). Parts of the area outside the viewport cannot be in the
 * screenshot: the crop is cut to the viewport and says so.
 */

/** The rectangle to cut from the screenshot, in its pixels, and whether the area had to be cut. */
export interface CropBox {
  sx: number;
  sy: number;
  sw: number;
  sh: number;
  scale: number;
  clipped: boolean;
}

/** The crop of `rect` (CSS px of a viewport `viewportWidth` wide) in an image of `imageWidth`×`imageHeight`; null when nothing is visible. */
export function cropBox(
  rect: { x: number; y: number; width: number; height: number },
  viewportWidth: number,
  imageWidth: number,
  imageHeight: number,
): CropBox | null {
  const scale = imageWidth / viewportWidth;
  const left = Math.max(0, Math.floor(rect.x * scale));
  const top = Math.max(0, Math.floor(rect.y * scale));
  const right = Math.min(imageWidth, Math.ceil((rect.x + rect.width) * scale));
  const bottom = Math.min(imageHeight, Math.ceil((rect.y + rect.height) * scale));
  if (right - left < 1 || bottom - top < 1) {
    return null;
  }
  const clipped = rect.x * scale < 0 || rect.y * scale < 0 || (rect.x + rect.width) * scale > imageWidth + 0.5 || (rect.y + rect.height) * scale > imageHeight + 0.5;
  return { sx: left, sy: top, sw: right - left, sh: bottom - top, scale, clipped };
}
