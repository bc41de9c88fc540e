const { Metrics } = await import('@aws-lambda-powertools/metrics');
const proto = Metrics.prototype as unknown as { setEnvConfig: () => void };
const orig = proto.setEnvConfig;
proto.setEnvConfig = function (this: unknown) {
  console.log('Metrics constructed; METRICS_DISABLED =', process.env.POWERTOOLS_METRICS_DISABLED, new Error().stack?.split('\n').slice(2, 9).join('\n'));
  return orig.call(this);
};
const { startLocalCloud } = await import('./infra/local/cloud');
const c = await startLocalCloud({ port: 0, dataDir: '/tmp/lc-data6', inMemory: true, fresh: true, logLevel: 'warn' });
await c.stop();
