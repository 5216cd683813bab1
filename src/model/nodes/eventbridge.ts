import { nullableText } from '../fields';
import { defineKind } from './kind';

const RATE = /^rate\(\s*(\d+)\s+(minute|minutes|hour|hours|day|days)\s*\)$/;
const CRON = /^cron\(\s*(\S+\s+){5}\S+\s*\)$/;

/** Seconds between firings of a `rate(...)` expression, or null when it is not one. */
export function ratePeriodS(expression: string): number | null {
  const m = RATE.exec(expression.trim());
  if (!m) return null;
  const n = Number(m[1]);
  const unit = m[2].startsWith('minute') ? 60 : m[2].startsWith('hour') ? 3600 : 86_400;
  return n * unit;
}

export function checkSchedule(expression: string): string | null {
  const trimmed = expression.trim();
  const rate = RATE.exec(trimmed);
  if (rate) {
    const n = Number(rate[1]);
    if (n < 1) return 'a rate must be at least 1';
    const singular = !rate[2].endsWith('s');
    if ((n === 1) !== singular)
      return `write "rate(${n} ${singular ? rate[2] + 's' : rate[2].slice(0, -1)})": AWS wants the singular unit for 1 and the plural otherwise`;
    return null;
  }
  if (CRON.test(trimmed)) return null;
  return 'must be rate(VALUE UNIT), e.g. "rate(5 minutes)", or cron(MIN HOUR DAY MONTH WEEKDAY YEAR), e.g. "cron(0 12 * * ? *)"';
}

export const eventbridgeKind = defineKind({
  type: 'eventbridge',
  label: 'EventBridge',
  description: 'Schedules and rules that send events to targets asynchronously.',
  category: 'messaging',
  capabilities: ['trafficSource'],
  docsUrl: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-retry-policy.html',
  fields: {
    schedule: nullableText({
      label: 'Schedule',
      hint: 'rate(…) or cron(…); none = a rule that forwards events put by a Lambda.',
      default: 'rate(5 minutes)',
      maxLength: 256,
      nullLabel: 'no schedule: a rule for events put by functions',
      placeholder: 'rate(5 minutes)',
      validate: checkSchedule,
    }),
  },
  summary: (c) => [c.schedule ?? 'event rule'],
});
