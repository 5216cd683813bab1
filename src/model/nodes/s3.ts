import { num } from '../fields';
import { defineKind } from './kind';

export const s3Kind = defineKind({
  type: 's3',
  label: 'S3',
  description: 'Object storage; object writes can notify a Lambda asynchronously.',
  category: 'data',
  capabilities: [],
  entry: { ratePerS: 2, when: 'whenItHandsOn', unit: 'uploads', verb: 'uploads to', writesOnly: true },
  docsUrl: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/EventNotifications.html',
  fields: {
    objectSizeKb: num({
      label: 'Object size',
      unit: 'KB',
      min: 0,
      max: 5_368_709_120,
      default: 256,
      hint: 'Typical object size (up to 5 TB); sets transfer time and cost.',
    }),
  },
  summary: (c) => [`${c.objectSizeKb.toLocaleString('en-US')} KB objects`],
});
