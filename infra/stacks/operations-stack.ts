import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Operations, type OperationsProps } from '../constructs/operations';

export type OperationsStackProps = StackProps & OperationsProps;

/**
 * The operator's view, in a stack of its own so its alarms (two per function, one per dead-letter queue) never
 * push the API or async stacks toward CloudFormation's resource limit: dashboard, alarms and the alarm topic.
 */
export class OperationsStack extends Stack {
  public readonly operations: Operations;

  constructor(scope: Construct, id: string, props: OperationsStackProps) {
    super(scope, id, props);
    this.operations = new Operations(this, 'Operations', props);
    new CfnOutput(this, 'DashboardName', { value: this.operations.dashboard.dashboardName, description: 'CloudWatch dashboard of this stage' });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.operations.topic.topicArn, description: 'SNS topic every alarm notifies' });
  }
}
