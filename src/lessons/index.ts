import { accountPool, apiTimeout, reserved } from './concurrencyLessons';
import { authorizerFree } from './authorizerLessons';
import { cloudfront, dax, edgeFunctions, sqsSpike, streams } from './dataLessons';
import { databaseConnections } from './databaseLessons';
import { coldStarts, memoryIsCpu, provisioned, snapStart } from './lambdaLessons';
import type { Lesson } from './lesson';
import { expressCheaper } from './stepFunctionsLessons';
import { kinesisScaling, partialBatch } from './streamLessons';

export type { Lesson, LessonChange, LessonStep } from './lesson';
export { withEdit } from './lesson';

/** In teaching order. */
export const LESSONS: readonly Lesson[] = [
  coldStarts,
  provisioned,
  snapStart,
  reserved,
  accountPool,
  dax,
  streams,
  sqsSpike,
  cloudfront,
  memoryIsCpu,
  apiTimeout,
  expressCheaper,
  edgeFunctions,
  kinesisScaling,
  partialBatch,
  databaseConnections,
  authorizerFree,
];

export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
