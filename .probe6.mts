process.env.PROBE = '1';
const { startLocalCloud } = await import('./infra/local/cloud');
const c = await startLocalCloud({ port: 0, dataDir: '/tmp/lc-data6', inMemory: true, fresh: true, logLevel: 'warn' });
console.log('env disabled?', process.env.POWERTOOLS_METRICS_DISABLED, process.env.POWERTOOLS_SERVICE_NAME);
await fetch(`${c.apiUrl}/health`);
await c.stop();
