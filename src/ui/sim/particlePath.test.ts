import { describe, expect, it } from 'vitest';
import { cubicPoints } from './ParticleLayer';

describe('edge paths for particles', () => {
  it('follows a React Flow bezier from its start to its end', () => {
    const points = cubicPoints('M10,20 C60,20 60,120 110,120', 5)!;
    expect(Array.from(points.slice(0, 2))).toEqual([10, 20]);
    expect(Array.from(points.slice(8, 10))).toEqual([110, 120]);
    expect(points[4]).toBeCloseTo(60);
    expect(points[5]).toBeCloseTo(70);
  });

  it('reads spaces, negative and fractional numbers', () => {
    expect(cubicPoints('M -5.5 2 C 0 0, 1e1 0, 20.25 -3', 2)).toEqual(new Float32Array([-5.5, 2, 20.25, -3]));
  });

  it('declines other shapes (smoothstep, straight), so the browser measures them', () => {
    expect(cubicPoints('M0,0 L10,10')).toBeNull();
    expect(cubicPoints('M0 0L10 0Q15 0 15 5L15 20')).toBeNull();
  });
});
