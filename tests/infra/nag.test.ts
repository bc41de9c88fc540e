import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildTestApp } from './app';

interface Violation {
  ruleName: string;
  severity: string;
  violatingConstructs: { constructPath?: string }[];
}
interface Report {
  pluginReports: { pluginName: string; violations: Violation[] }[];
}
interface Acknowledgment {
  id: string;
  reason: string;
  path: string;
}

function acknowledgmentsIn(root: IConstruct): Acknowledgment[] {
  const out: Acknowledgment[] = [];
  for (const c of root.node.findAll()) {
    for (const entry of c.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      // Recorded as `Annotation::<rule id>`, which cdk-nag matches without the prefix.
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
        out.push({ id: id.replace(/^annotation::/i, ''), reason, path: c.node.path });
      }
    }
  }
  return out;
}

/**
 * cdk-nag (AwsSolutions and Serverless packs, as `cdk synth` runs them) and CloudFormation's default rules over the
 * whole app: nothing may be left unacknowledged at error level, every acknowledgment must give a reason, and every
 * acknowledgment must silence a real finding (a stale one would hide a future regression).
 */
describe('cdk-nag and CloudFormation validation', () => {
  let outdir: string;
  let report: Report;
  let acknowledgments: Acknowledgment[];
  let rawFindings: { ruleName: string; path: string; severity: string }[];

  beforeAll(() => {
    // Prepare
    outdir = mkdtempSync(join(tmpdir(), 'tally-nag-'));
    const checked = buildTestApp({
      checks: true,
      outdir,
      context: { '@aws-cdk/core:failSynthOnValidationErrors': false },
    });
    // Act
    checked.app.synth();
    report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as Report;
    acknowledgments = acknowledgmentsIn(checked.app);

    // The same app with every acknowledgment ignored: what the packs find before acknowledgments.
    const spy = vi.spyOn(Validations.prototype, 'acknowledge').mockImplementation(() => undefined);
    let bare;
    try {
      bare = buildTestApp();
    } finally {
      spy.mockRestore();
    }
    bare.app.synth();
    rawFindings = [new AwsSolutionsChecks(), new ServerlessChecks()].flatMap((pack) =>
      pack.validateScope(bare.app).violations.flatMap((v) =>
        v.violatingResources.map((r) => ({ ruleName: v.ruleName, path: r.constructPath ?? '', severity: v.severity ?? 'error' })),
      ),
    );
  });

  afterAll(() => {
    rmSync(outdir, { recursive: true, force: true });
  });

  it('runs both packs and finds something to check (the test can fail)', () => {
    // Assess
    expect(rawFindings.some((f) => f.ruleName.startsWith('AwsSolutions-'))).toBe(true);
    expect(rawFindings.some((f) => f.ruleName.startsWith('Serverless-'))).toBe(true);
  });

  it('leaves no unacknowledged error', () => {
    const errors = report.pluginReports.flatMap((p) =>
      p.violations
        .filter((v) => v.severity === 'error' || v.severity === 'fatal')
        .map((v) => `${p.pluginName}: ${v.ruleName} at ${v.violatingConstructs.map((c) => c.constructPath).join(', ')}`),
    );
    expect(errors).toEqual([]);
  });

  it('gives every acknowledgment a specific reason', () => {
    expect(acknowledgments.length).toBeGreaterThan(0);
    for (const a of acknowledgments) {
      expect(a.reason.trim().length, `${a.id} at ${a.path}`).toBeGreaterThanOrEqual(40);
    }
  });

  it('acknowledges only findings that exist', () => {
    const stale = acknowledgments.filter(
      (a) => !rawFindings.some((f) => f.ruleName === a.id && (f.path === a.path || f.path.startsWith(`${a.path}/`))),
    );
    expect(stale.map((a) => `${a.id} at ${a.path}`)).toEqual([]);
  });

  it('reports the counts', () => {
    const warnings = report.pluginReports.flatMap((p) => p.violations.filter((v) => v.severity === 'warning'));
    const acknowledged = rawFindings.filter((f) =>
      acknowledgments.some((a) => a.id === f.ruleName && (f.path === a.path || f.path.startsWith(`${a.path}/`))),
    );
    console.info(
      `cdk-nag: 0 errors, ${warnings.reduce((n, w) => n + w.violatingConstructs.length, 0)} warnings, ` +
        `${acknowledged.length} findings acknowledged by ${acknowledgments.length} acknowledgments ` +
        `(${new Set(acknowledgments.map((a) => a.id.replace(/\[.*$/, ''))).size} rules)`,
    );
    expect(acknowledged.length).toBeGreaterThanOrEqual(acknowledgments.length);
  });
});
