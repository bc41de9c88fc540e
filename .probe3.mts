const t = performance.now();
await import('./infra/local/cloud');
console.log('import cloud.ts', Math.round(performance.now() - t), 'ms; process uptime', Math.round(process.uptime() * 1000));
