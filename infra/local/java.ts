import { execFile } from 'node:child_process';
import { accessSync, constants, realpathSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Thrown when no usable Java runtime is on the PATH. */
export class JavaMissingError extends Error {
  constructor(detail: string) {
    super(
      `${detail}\nThe local cloud runs Amazon's DynamoDB Local, which needs a Java 17+ runtime on the PATH.\n` +
        'Install one, e.g.: apt-get install -y openjdk-17-jre-headless   (macOS: brew install openjdk@17)',
    );
    this.name = 'JavaMissingError';
  }
}

/** Major version from `java -version` output: `openjdk version "17.0.15"` → 17, `"1.8.0_392"` → 8. */
export function parseJavaMajor(output: string): number | undefined {
  const m = output.match(/version "(\d+)(?:\.(\d+))?/);
  if (!m?.[1]) return undefined;
  const first = Number(m[1]);
  return first === 1 && m[2] ? Number(m[2]) : first;
}

let checked: Promise<{ major: number; version: string }> | undefined;

/** Checks (once per process) that `java` runs and is recent enough; returns its version line. */
export function checkJava(minimum = 17): Promise<{ major: number; version: string }> {
  checked ??= new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
    execFile('java', ['-version'], { encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) {
        const code = (error as NodeJS.ErrnoException).code;
        reject(new JavaMissingError(code === 'ENOENT' ? 'No `java` command was found.' : `\`java -version\` failed: ${error.message}`));
      } else resolve({ stdout, stderr });
    });
  }).then(({ stdout, stderr }) => versionOf(`${stderr}${stdout}`, minimum));
  checked.catch(() => {
    checked = undefined;
  });
  return checked;
}

function versionOf(out: string, minimum: number): { major: number; version: string } {
  const major = parseJavaMajor(out);
  if (major === undefined) throw new JavaMissingError(`Could not read the Java version from: ${out.trim()}`);
  if (major < minimum) throw new JavaMissingError(`Java ${major} was found; Java ${minimum} or newer is needed.`);
  return { major, version: out.split('\n')[0]?.trim() ?? `Java ${major}` };
}

/**
 * The real path of the `java` on the PATH, found without starting a JVM (that costs a few hundred ms on the
 * startup path); throws JavaMissingError when there is none.
 */
export function resolveJava(): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, process.platform === 'win32' ? 'java.exe' : 'java');
    try {
      accessSync(candidate, constants.X_OK);
      return realpathSync(candidate);
    } catch {
      // Not here.
    }
  }
  throw new JavaMissingError('No `java` command was found on the PATH.');
}
