process.env.POWERTOOLS_METRICS_DISABLED = 'true';
process.env.POWERTOOLS_SERVICE_NAME = 'tally';
const { Metrics, MetricUnit } = await import('@aws-lambda-powertools/metrics');
const m = new Metrics({ namespace: 'X' });
m.addMetric('A', MetricUnit.Count, 1);
m.publishStoredMetrics();
console.log('disabled?', (m as unknown as { disabled: boolean }).disabled);
