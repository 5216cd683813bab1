import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../../model';
import { displayName, humanize, messageParts, messageText, nodeNames, serviceName } from './names';

describe('names people gave', () => {
  const names = nodeNames(defaultScenario().nodes);

  it('shows the label from the canvas, or the id when there is none', () => {
    expect(displayName({ id: 'fn', label: 'getOrder' })).toBe('getOrder');
    expect(displayName({ id: 'fn', label: '  ' })).toBe('fn');
    expect(displayName({ id: 'fn' })).toBe('fn');
    expect(names.name('fn')).toBe('getOrder');
    expect(names.name('api')).toBe('Orders API');
    expect(names.described('fn')).toBe("Lambda 'getOrder'");
    expect(names.described('table')).toBe("DynamoDB 'Orders'");
    // a node the document no longer has keeps its id
    expect(names.name('gone')).toBe('gone');
  });

  it('tells two nodes with one label apart by their service, then by a number', () => {
    const n = nodeNames([
      { id: 'a', type: 'dynamodb', label: 'Orders' },
      { id: 'b', type: 'sqs', label: 'Orders' },
      { id: 'c', type: 'sqs', label: 'Orders' },
      { id: 'd', type: 'lambda', label: 'worker' },
    ]);
    expect([n.name('a'), n.name('b'), n.name('c'), n.name('d')]).toEqual(['Orders (DynamoDB)', 'Orders (SQS)', 'Orders (SQS) 2', 'worker']);
  });

  it('names services and fields in words', () => {
    expect(serviceName('apiGateway')).toBe('API Gateway');
    expect(serviceName('dynamodb')).toBe('DynamoDB');
    expect(serviceName('stepFunctions')).toBe('Step Functions');
    expect(serviceName('someNewService')).toBe('some new service');
    expect(humanize('maxIteratorAgeMs')).toBe('max iterator age ms');
    expect(humanize('billedGbS')).toBe('billed gb s');
  });

  it('puts labels in place of the ids a log line names', () => {
    const line = '<api>: 1,234 requests throttled by Lambda <fn> (API returned 500)';
    expect(messageText(line, names)).toBe('Orders API: 1,234 requests throttled by Lambda getOrder (API returned 500)');
    expect(messageParts(line, names)).toEqual([
      { node: 'api', name: 'Orders API' },
      { text: ': 1,234 requests throttled by Lambda ' },
      { node: 'fn', name: 'getOrder' },
      { text: ' (API returned 500)' },
    ]);
    expect(messageText('no nodes here', names)).toBe('no nodes here');
  });
});
