import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../model';
import { detectFileKind } from './fileKind';

describe('detectFileKind', () => {
  it('a document is a document, whatever its layout', () => {
    expect(detectFileKind(JSON.stringify(defaultScenario(), null, 2))).toBe('document');
    expect(detectFileKind('\uFEFF' + JSON.stringify(defaultScenario()))).toBe('document');
  });
  it('YAML is a template', () => {
    expect(detectFileKind('Resources:\n  Q:\n    Type: AWS::SQS::Queue\n')).toBe('template');
    expect(detectFileKind('hello: world\n')).toBe('template');
  });
  it('CloudFormation JSON is a template', () => {
    expect(detectFileKind('{ "AWSTemplateFormatVersion": "2010-09-09", "Resources": {} }')).toBe('template');
    expect(detectFileKind('{\n  "Resources": { "Q": { "Type": "AWS::SQS::Queue" } }\n}')).toBe('template');
  });
  it('other JSON goes to the document reader, which explains what is wrong', () => {
    expect(detectFileKind('{ this is not json')).toBe('document');
    expect(detectFileKind('{ "nodes": [] }')).toBe('document');
  });
  it('a document whose description mentions Resources is still a document', () => {
    expect(detectFileKind(JSON.stringify({ ...defaultScenario(), description: '"Resources": none' }))).toBe('document');
  });
});
