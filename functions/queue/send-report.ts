import { on, queueConsumer } from '../../shared/async/consumer';
import { ReportRequested } from '../../events/report-requested';
import { sendReport } from '../../shared/use-cases/reports';

/** `reports` queue: builds and emails one user's periodic report. */
export const handler = queueConsumer(on(ReportRequested, (e) => sendReport(e.id, e.data)));
