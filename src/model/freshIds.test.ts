import { describe, expect, it } from 'vitest';
import { freshNodeLabel } from './freshIds';

describe('freshNodeLabel', () => {
  it('uses the number of the id', () => {
    expect(freshNodeLabel('API Gateway', 'apiGateway-3', new Set())).toBe('API Gateway 3');
  });
  it('moves on while the name is taken', () => {
    expect(freshNodeLabel('Lambda', 'lambda-1', new Set(['Lambda 1', 'Lambda 2']))).toBe('Lambda 3');
  });
});
