import { defineKind } from './kind';

export const snsKind = defineKind({
  type: 'sns',
  label: 'SNS',
  description: 'Topic that fans each published message out to every subscription (SQS, Lambda asynchronously).',
  category: 'messaging',
  capabilities: [],
  entry: { ratePerS: 5, when: 'whenItHandsOn', unit: 'messages', verb: 'publishes to' },
  docsUrl: 'https://docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-retries.html',
  fields: {},
  summary: () => ['fan-out to subscribers'],
});
