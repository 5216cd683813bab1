import { describe, expect, it } from 'vitest';
import { decodeShareHash } from '../model/share';
import { plainLinkProblem } from './linkProblem';

function problemOf(hash: string) {
  const result = decodeShareHash(hash);
  if (result.ok) throw new Error('expected a broken link');
  return plainLinkProblem(result.errors);
}

describe('plainLinkProblem', () => {
  it('says a cut link is incomplete and what to do, the technical reason after', () => {
    const { text, details } = problemOf('#hello');
    expect(text).toMatch(/incomplete/);
    expect(text).toMatch(/Copy the whole link again/);
    expect(text).not.toMatch(/version|compressed|base64/i);
    expect(details[0]).toMatch(/^It does not start with a link format version/);
  });

  it('calls other damage damaged, in plain words', () => {
    const { text, details } = problemOf('#v1.not*base64!');
    expect(text).toMatch(/damaged/);
    expect(text).not.toMatch(/payload|character/);
    expect(details[0]).toMatch(/is not allowed in a link payload/);
  });

  it('says a newer link needs a newer app', () => {
    expect(problemOf('#v999.abc').text).toMatch(/newer version of the app/);
  });

  it('keeps every reason of a diagram the model refuses', () => {
    const { text, details } = plainLinkProblem(['nodes.0.type: "kafka" is not a service', 'second']);
    expect(text).toMatch(/cannot open/);
    expect(details).toEqual(['Nodes.0.type: "kafka" is not a service.', 'second']);
  });
});
