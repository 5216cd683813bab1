import { describe, expect, it } from 'vitest';
import { nearestDaxNodeType, nearestRuntime, normaliseSchedule } from './runtimeMap';

describe('nearest options for template values the sandbox does not model', () => {
  it('maps runtimes to the same family, nearest version', () => {
    expect(nearestRuntime('java21')).toBe('java21');
    expect(nearestRuntime('nodejs12.x')).toBe('nodejs20.x');
    expect(nearestRuntime('nodejs26.x')).toBe('nodejs24.x');
    expect(nearestRuntime('python3.9')).toBe('python3.12');
    expect(nearestRuntime('java8.al2')).toBe('java11');
    expect(nearestRuntime('dotnetcore3.1')).toBe('dotnet8');
    expect(nearestRuntime('go1.x')).toBe('provided.al2023');
    expect(nearestRuntime('cobol')).toBeUndefined();
  });

  it('maps DAX node types by family and size', () => {
    expect(nearestDaxNodeType('dax.r5.large')).toBe('dax.r5.large');
    expect(nearestDaxNodeType('dax.t2.small')).toBe('dax.t3.small');
    expect(nearestDaxNodeType('dax.r4.8xlarge')).toBe('dax.r5.4xlarge');
    expect(nearestDaxNodeType('dax.r6g.xlarge')).toBe('dax.r5.xlarge');
    expect(nearestDaxNodeType('cache.m5.large')).toBeUndefined();
  });

  it('fixes the plural of rate expressions and refuses one-time schedules', () => {
    expect(normaliseSchedule('rate(5 minute)')).toBe('rate(5 minutes)');
    expect(normaliseSchedule('rate(1 hours)')).toBe('rate(1 hour)');
    expect(normaliseSchedule('cron(0 12 * * ? *)')).toBe('cron(0 12 * * ? *)');
    expect(normaliseSchedule('at(2026-01-01T00:00:00)')).toBeNull();
    expect(normaliseSchedule('rate(0 minutes)')).toBeNull();
  });
});
