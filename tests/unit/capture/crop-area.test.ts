import { describe, expect, it } from 'vitest';
import { cropBox } from '@/src/capture/crop-area';

describe('cropBox', () => {
  it('scales CSS pixels to the screenshot by its width, not by devicePixelRatio', () => {
    expect(cropBox({ x: 10, y: 20, width: 320, height: 120 }, 1280, 2560, 1600)).toEqual({ sx: 20, sy: 40, sw: 640, sh: 240, scale: 2, clipped: false });
    expect(cropBox({ x: 10, y: 20, width: 320, height: 120 }, 1280, 1280, 800)).toEqual({ sx: 10, sy: 20, sw: 320, sh: 120, scale: 1, clipped: false });
  });

  it('cuts an area that reaches outside the viewport and says so', () => {
    expect(cropBox({ x: -50, y: 700, width: 200, height: 300 }, 1280, 1280, 800)).toEqual({ sx: 0, sy: 700, sw: 150, sh: 100, scale: 1, clipped: true });
  });

  it('gives nothing for an area wholly outside the viewport', () => {
    expect(cropBox({ x: 0, y: 900, width: 100, height: 100 }, 1280, 1280, 800)).toBeNull();
  });
});
