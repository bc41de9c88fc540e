import { Annotations, type CfnElement, Duration, Stack, TimeZone, type StackProps, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { ContextAttribute, Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import {
  queueFunctions,
  queues as manifestQueues,
  scheduleFunctions,
  streamFunctions,
  type QueueDef,
  type QueueFunction,
  type ScheduleFunction,
  type StreamFunction,
} from '../../functions/manifest';
import { ManifestFunction, type FunctionResourcesProps } from '../constructs/manifest-function';
import { pascalCase } from '../constructs/names';

export interface AsyncStackProps extends StackProps, FunctionResourcesProps {
  /** Where the table-stream event source mapping sends batches it gave up on. */
  readonly streamFailureQueue: sqs.IQueue;
  /** Dead letters of schedules (Scheduler delivery failures and failed asynchronous invocations). */
  readonly scheduleFailureQueue: sqs.IQueue;
  /**
   * Times the stream event source mapping retries a failing batch (halving it each time) before giving up on it.
   * @default 5
   */
  readonly streamRetryAttempts?: number;
  /**
   * Times EventBridge Scheduler retries an invocation it could not deliver.
   * @default 3
   */
  readonly scheduleRetryAttempts?: number;
  /**
   * Queue definitions, to check each consumer's timeout against its queue's visibility timeout.
   * @default - the manifest's `queues`
   */
  readonly queueDefinitions?: QueueDef[];
  /**
   * Queue consumers to deploy.
   * @default - every `queue` entry of the manifest
   */
  readonly queueConsumers?: QueueFunction[];
  /**
   * Table-stream readers to deploy.
   * @default - every `stream` entry of the manifest
   */
  readonly streamReaders?: StreamFunction[];
  /**
   * Scheduled jobs to deploy.
   * @default - every `schedule` entry of the manifest
   */
  readonly scheduledJobs?: ScheduleFunction[];
}

/** Functions not behind the API: SQS consumers, the table-stream outbox relay, and scheduled jobs. */
export class AsyncStack extends Stack {
  public readonly functions: Record<string, ManifestFunction> = {};
  public readonly schedules: Record<string, Schedule> = {};

  constructor(scope: Construct, id: string, props: AsyncStackProps) {
    super(scope, id, props);
    const resources: FunctionResourcesProps = props;
    const queueDefs = props.queueDefinitions ?? manifestQueues;
    for (const def of props.queueConsumers ?? queueFunctions) this.addQueueConsumer(def, props, resources, queueDefs);
    for (const def of props.streamReaders ?? streamFunctions) this.addStreamReader(def, props, resources);
    for (const def of props.scheduledJobs ?? scheduleFunctions) this.addScheduledJob(def, props, resources);
  }

  /** A queue consumer, its queue's numbers checked against its own, with partial batch failures. */
  private addQueueConsumer(def: QueueFunction, props: AsyncStackProps, resources: FunctionResourcesProps, queueDefs: readonly QueueDef[]): void {
    const queue = props.queues[def.queue];
    const queueDef = queueDefs.find((q) => q.name === def.queue);
    if (!queue || !queueDef) throw new Error(`Queue function "${def.name}" consumes "${def.queue}", which is not a manifest queue.`);
    const timeout = def.timeoutSeconds ?? 30;
    if (queueDef.visibilityTimeoutSeconds < timeout) {
      throw new Error(
        `Queue "${def.queue}" has a visibility timeout of ${queueDef.visibilityTimeoutSeconds} s, less than its consumer ${def.name}'s timeout of ${timeout} s; Lambda refuses such a mapping (AWS recommends 6×).`,
      );
    }
    if (queueDef.visibilityTimeoutSeconds < 6 * timeout) {
      Annotations.of(this).addWarningV2(
        'tally:visibilityTimeout',
        `Queue "${def.queue}" has a visibility timeout of ${queueDef.visibilityTimeoutSeconds} s, under 6× its consumer ${def.name}'s timeout of ${timeout} s (AWS's recommendation): a retried batch may be delivered twice at once.`,
      );
    }
    if (!Number.isInteger(def.maxConcurrency) || def.maxConcurrency < 2 || def.maxConcurrency > 1000) {
      throw new Error(`Queue function "${def.name}": maxConcurrency must be an integer from 2 to 1000 (Lambda's limits), not ${def.maxConcurrency}.`);
    }
    const fn = this.make(def, resources);
    fn.function.addEventSource(
      new SqsEventSource(queue, {
        batchSize: def.batchSize,
        // At most this many concurrent invocations drain the queue: a backlog cannot take the account's concurrency.
        maxConcurrency: def.maxConcurrency,
        maxBatchingWindow: def.maxBatchingWindowSeconds === undefined ? undefined : Duration.seconds(def.maxBatchingWindowSeconds),
        reportBatchItemFailures: true,
      }),
    );
    Validations.of(fn.function).acknowledge({
      id: 'Serverless-LambdaEventSourceMappingDestination',
      reason: `Lambda offers no on-failure destination for SQS mappings; a message that keeps failing moves to the queue's redrive DLQ ${def.queue}-dlq after ${queueDef.maxReceiveCount} receives.`,
    });
  }

  /** A table-stream reader: batches bisected on error, retried, then described to the on-failure queue. */
  private addStreamReader(def: StreamFunction, props: AsyncStackProps, resources: FunctionResourcesProps): void {
    const fn = this.make(def, resources);
    fn.function.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: def.batchSize,
        reportBatchItemFailures: true,
        bisectBatchOnError: true,
        retryAttempts: props.streamRetryAttempts ?? 5,
        onFailure: new SqsDlq(props.streamFailureQueue),
        // Each manifest filter on both images, so removes (no new image) reach the function too.
        filters: def.filters.flatMap((f) =>
          (['NewImage', 'OldImage'] as const).map((image) =>
            lambda.FilterCriteria.filter({ dynamodb: { [image]: { [f.attribute]: { S: lambda.FilterRule.beginsWith(f.prefix) } } } }),
          ),
        ),
      }),
    );
  }

  /** A scheduled job: an EventBridge Scheduler schedule with its own role, retries and dead-letter queue. */
  private addScheduledJob(def: ScheduleFunction, props: AsyncStackProps, resources: FunctionResourcesProps): void {
    const fn = this.make(def, resources, props.scheduleFailureQueue);
    const id = pascalCase(def.name);
    const role = new iam.Role(this, `${id}ScheduleRole`, {
      description: `EventBridge Scheduler invokes ${def.name}`,
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': this.account } } }),
    });
    this.schedules[def.name] = new Schedule(this, `${id}Schedule`, {
      description: def.description,
      schedule: ScheduleExpression.expression(def.schedule, TimeZone.ETC_UTC),
      target: new LambdaInvoke(fn.function, {
        role,
        // The time the run was scheduled for, not when an attempt arrives: a retried run (up to maxEventAge later)
        // still does the work of its own hour (the report schedules pick the time zones due at that hour).
        input: ScheduleTargetInput.fromObject({ time: ContextAttribute.scheduledTime, id: ContextAttribute.executionId }),
        deadLetterQueue: props.scheduleFailureQueue,
        retryAttempts: props.scheduleRetryAttempts ?? 3,
        maxEventAge: Duration.hours(1),
      }),
    });
    const functionLogicalId = this.getLogicalId(fn.function.node.defaultChild as CfnElement);
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${functionLogicalId}.Arn>:*]`,
      reason: `The LambdaInvoke target grants with Function.grantInvoke, which also covers the versions and aliases (:*) of ${def.name}; the wildcard stays within that one function.`,
    });
  }

  private make(def: QueueFunction | StreamFunction | ScheduleFunction, resources: FunctionResourcesProps, deadLetterQueue?: sqs.IQueue): ManifestFunction {
    const fn = new ManifestFunction(this, pascalCase(def.name), { ...resources, definition: def, deadLetterQueue });
    this.functions[def.name] = fn;
    return fn;
  }
}
