import type { components } from './schema';

export type Problem = components['schemas']['Problem'];

/** An answer that was not a success: the problem document when the API sent one, else a description of what came. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
    readonly headers?: Headers,
  ) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
  }

  /** The field errors by path, for forms (`amount.value` → message). */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.problem.errors ?? []) out[e.path] ??= e.message;
    return out;
  }
}

/** What a fetch failure or a non-problem body means to a person, in the problem document's shape. */
export function toProblem(status: number, body: unknown): Problem {
  if (body && typeof body === 'object' && 'title' in body && 'status' in body) return body as Problem;
  const message = body && typeof body === 'object' && 'message' in body ? String((body as { message: unknown }).message) : '';
  const titles: Record<number, string> = {
    401: 'Signed out',
    403: 'Not allowed',
    404: 'Not found',
    413: 'Too large',
    429: 'Too many requests',
    503: 'Service unavailable',
  };
  return {
    type: 'about:blank',
    title: titles[status] ?? (status >= 500 ? 'Something went wrong on our side' : 'Request refused'),
    status,
    detail: message || (status >= 500 ? 'Please try again in a moment.' : `The server answered ${status}.`),
  };
}

export const offlineProblem: Problem = {
  type: 'about:blank',
  title: 'You are offline',
  status: 0,
  detail: 'Tally could not reach the server. Check your connection; nothing was changed.',
};
