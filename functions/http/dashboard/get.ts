import { getDashboard } from '../../../shared/contracts/dashboard';
import { httpHandler } from '../../../shared/http/handler';
import { toProblem } from '../../../shared/http/problem';
import * as dashboard from '../../../shared/use-cases/dashboard';

export const handler = httpHandler(getDashboard, async ({ caller, query }) => {
  const { failures, ...sections } = await dashboard.dashboard(caller, query.month);
  return { body: { ...sections, problems: failures.map((f) => ({ section: f.section, ...toProblem(f.error) })) } };
});
