/**
 * THE manifest: every function of Tally and what triggers it. Plain data (no aws-cdk-lib): the CDK app, the local
 * cloud's gateway, pollers and scheduler, and the OpenAPI document are all generated from this one list.
 * To add an endpoint: write its contract in shared/contracts, its handler under functions/http, and one line here.
 */
import type { RouteContract } from '../shared/contracts/route';
import * as auth from '../shared/contracts/auth';
import * as me from '../shared/contracts/me';
import * as system from '../shared/contracts/system';
import * as ledger from '../shared/contracts/ledger';
import * as analytics from '../shared/contracts/analytics';
import * as rules from '../shared/contracts/rules';
import * as goals from '../shared/contracts/goals';
import * as budgets from '../shared/contracts/budgets';
import * as imports from '../shared/contracts/imports';
import * as alerts from '../shared/contracts/alerts';
import * as advice from '../shared/contracts/advice';
import * as recurring from '../shared/contracts/recurring';
import * as forecast from '../shared/contracts/forecast';
import * as health from '../shared/contracts/health';
import * as reportContracts from '../shared/contracts/reports';
import * as dashboard from '../shared/contracts/dashboard';
import { asyncFunctions } from './async-functions';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Cognito user-pool operations that IAM authorises (the admin API and group management), each granted on its own as
 * `cognito:<Operation>` to the functions that call it. The public operations a client may call itself (SignUp,
 * ConfirmSignUp, InitiateAuth, RevokeToken, ForgotPassword, ConfirmForgotPassword, ResendConfirmationCode,
 * ChangePassword, GlobalSignOut) need no grant at all. To call a new one: add it here, and to the access list of
 * each function that calls it (tests/infra checks both against shared/adapters/identity-provider.ts).
 */
export type CognitoAction =
  | 'AdminAddUserToGroup'
  | 'AdminConfirmSignUp'
  | 'AdminDeleteUser'
  | 'AdminGetUser'
  | 'AdminRemoveUserFromGroup'
  | 'AdminUserGlobalSignOut'
  | 'CreateGroup';

/** What a function may touch; CDK turns each into a least-privilege grant. */
export type Access =
  | 'table:read'
  | 'table:write'
  | `cognito:${CognitoAction}` // one Cognito operation on the user pool
  | 'email:send'
  | 'secret:cursor' // read the key that signs pagination cursors (Secrets Manager, through the secrets extension)
  | 'link:web' // know the web app's address (PUBLIC_WEB_URL): no grant, a link
  | `queue:${string}`; // send to a manifest queue

export interface Common {
  /** Unique, kebab-case; also the logical name of the Lambda. */
  name: string;
  /** Handler file, relative to the project root; it exports `handler`. */
  entry: string;
  access: Access[];
  memoryMb?: number;
  timeoutSeconds?: number;
  /**
   * Concurrent executions reserved for (and at most allowed to) this function, so a heavy function cannot take the
   * account's concurrency from the others (the CDK app can leave reservations out for small accounts).
   */
  reservedConcurrency?: number;
}

/** A route-level throttle of the API stage: steady requests per second and burst, over all callers. */
export interface Throttle {
  rate: number;
  burst: number;
}

export interface HttpFunction extends Common {
  kind: 'http';
  routes: { method: HttpMethod; path: string }[];
  contract: RouteContract;
  /** Throttle of each of its routes (heavy and auth routes); the stage's default otherwise. */
  throttle?: Throttle;
  /**
   * The API's `$default` route: every request no route matches (an unknown path, or a known path with another
   * method) reaches this function instead of API Gateway's own `{"message":"Not Found"}`. At most one function.
   */
  defaultRoute?: true;
}

export interface QueueFunction extends Common {
  kind: 'queue';
  /** Name of a queue in `queues`. */
  queue: string;
  batchSize: number;
  /** Longest wait to fill a batch. */
  maxBatchingWindowSeconds?: number;
  /** Most concurrent invocations its SQS event source starts (2 at least): a backlog cannot take the account's concurrency. */
  maxConcurrency: number;
}

export interface ScheduleFunction extends Common {
  kind: 'schedule';
  /** EventBridge Scheduler expression: `rate(…)` or `cron(min hour dom month dow year)` (UTC). */
  schedule: string;
  description: string;
}

/** A stream filter: the record's new or old image has a string `attribute` starting with `prefix`. */
export interface StreamFilter {
  attribute: 'pk' | 'sk';
  prefix: string;
}

/** Reads the table's change stream (NEW_AND_OLD_IMAGES) — the outbox relay. */
export interface StreamFunction extends Common {
  kind: 'stream';
  batchSize: number;
  /** Only records matching one of these reach the function (inserts, updates and removes alike). */
  filters: StreamFilter[];
}

export type FunctionDef = HttpFunction | QueueFunction | ScheduleFunction | StreamFunction;

// Every queue and its numbers (each has a DLQ `<name>-dlq`): in ./queues.ts, which consumers read without this file.
export { queues, queueNamed, type QueueDef } from './queues';

const http = (
  name: string,
  routes: `${HttpMethod} /${string}` | `${HttpMethod} /${string}`[],
  contract: RouteContract,
  entry: string,
  access: Access[] = [],
  extra: Partial<Pick<HttpFunction, 'memoryMb' | 'timeoutSeconds' | 'reservedConcurrency' | 'throttle'>> = {},
): HttpFunction => ({
  kind: 'http',
  name,
  entry: `functions/http/${entry}.ts`,
  contract,
  access,
  routes: (Array.isArray(routes) ? routes : [routes]).map((r) => {
    const [method, path] = r.split(' ') as [HttpMethod, string];
    return { method, path };
  }),
  ...extra,
});

export const functions: FunctionDef[] = [
  // system
  http('health', 'GET /health', system.health, 'system/health'),
  http('openapi', 'GET /openapi.json', system.openapi, 'system/openapi'),
  http('docs', 'GET /docs', system.docs, 'system/docs', ['link:web']),
  { kind: 'http', name: 'no-route', entry: 'functions/http/system/no-route.ts', contract: system.noRoute, access: [], routes: [], defaultRoute: true },

  // auth and roles
  http('auth-register', ['POST /auth/register', 'POST /users/register'], auth.register, 'auth/register', ['table:write', 'cognito:AdminGetUser', 'cognito:AdminDeleteUser', 'cognito:AdminConfirmSignUp', 'cognito:AdminAddUserToGroup'], { throttle: { rate: 5, burst: 10 } }),
  http('auth-confirm', 'POST /auth/confirm', auth.confirm, 'auth/confirm', ['table:write', 'cognito:AdminGetUser'], { throttle: { rate: 10, burst: 20 } }),
  http('auth-login', 'POST /auth/login', auth.login, 'auth/login', ['table:write'], { throttle: { rate: 20, burst: 40 } }),
  http('auth-refresh', 'POST /auth/refresh', auth.refresh, 'auth/refresh', ['table:write'], { throttle: { rate: 20, burst: 40 } }),
  // Cognito: RevokeToken, AdminUserGlobalSignOut (logout everywhere; tolerated where unsupported)
  http('auth-logout', 'POST /auth/logout', auth.logout, 'auth/logout', ['table:write', 'cognito:AdminUserGlobalSignOut'], { throttle: { rate: 20, burst: 40 } }),
  // Cognito: ChangePassword (with the caller's token)
  http('auth-change-password', 'POST /auth/change-password', auth.changePassword, 'auth/change-password', ['table:write'], { throttle: { rate: 5, burst: 10 } }),
  // Cognito: AdminGetUser, ForgotPassword
  http('auth-forgot-password', 'POST /auth/forgot-password', auth.forgotPassword, 'auth/forgot-password', ['table:write', 'cognito:AdminGetUser'], { throttle: { rate: 5, burst: 10 } }),
  // Cognito: ConfirmForgotPassword, AdminGetUser, AdminUserGlobalSignOut
  http('auth-reset-password', 'POST /auth/reset-password', auth.resetPassword, 'auth/reset-password', ['table:write', 'cognito:AdminGetUser', 'cognito:AdminUserGlobalSignOut'], { throttle: { rate: 5, burst: 10 } }),
  // Cognito: AdminGetUser, ResendConfirmationCode
  http('auth-resend-confirmation', 'POST /auth/resend-confirmation', auth.resendConfirmation, 'auth/resend-confirmation', ['table:write', 'cognito:AdminGetUser'], { throttle: { rate: 5, burst: 10 } }),
  // Cognito: CreateGroup
  http('roles-create', 'POST /auth/create_role', auth.createRole, 'roles/create', ['table:write', 'cognito:CreateGroup']),
  http('roles-list', 'GET /auth/roles', auth.listRoles, 'roles/list', ['table:read']),
  // Cognito: AdminAddUserToGroup
  http('roles-add-member', 'PUT /auth/roles/{role}/members/{userId}', auth.addMember, 'roles/add-member', ['table:write', 'cognito:AdminAddUserToGroup']),
  // Cognito: AdminRemoveUserFromGroup
  http('roles-remove-member', 'DELETE /auth/roles/{role}/members/{userId}', auth.removeMember, 'roles/remove-member', ['table:write', 'cognito:AdminRemoveUserFromGroup']),
  http('roles-audit', 'GET /auth/audit', auth.listAudit, 'roles/audit', ['table:read', 'secret:cursor']),

  // the caller's account
  http('me-get', 'GET /me', me.getMe, 'me/get', ['table:read']),
  http('me-update', 'PATCH /me', me.updateMe, 'me/update', ['table:write']),
  // Cognito: InitiateAuth and RevokeToken (password re-check), AdminDeleteUser
  http('me-delete', 'DELETE /me', me.deleteMe, 'me/delete', ['table:write', 'cognito:AdminDeleteUser'], { timeoutSeconds: 15 }),

  // ledger: accounts, categories, transactions, exchange rates
  http('accounts-list', 'GET /accounts', ledger.listAccounts, 'accounts/list', ['table:read']),
  http('accounts-create', 'POST /accounts', ledger.createAccount, 'accounts/create', ['table:write']),
  http('accounts-get', 'GET /accounts/{id}', ledger.getAccount, 'accounts/get', ['table:read']),
  http('accounts-update', 'PATCH /accounts/{id}', ledger.updateAccount, 'accounts/update', ['table:write']),
  http('accounts-delete', 'DELETE /accounts/{id}', ledger.deleteAccount, 'accounts/delete', ['table:write']),
  http('categories-list', 'GET /categories', ledger.listCategories, 'categories/list', ['table:write']),
  http('categories-create', 'POST /categories', ledger.createCategory, 'categories/create', ['table:write']),
  http('categories-update', 'PATCH /categories/{id}', ledger.updateCategory, 'categories/update', ['table:write']),
  http('categories-delete', 'DELETE /categories/{id}', ledger.deleteCategory, 'categories/delete', ['table:write'], { timeoutSeconds: 29 }),
  http('transactions-create', ['POST /transactions', 'POST /transactions/add'], ledger.createTransaction, 'transactions/create', ['table:write']),
  http('transactions-list', 'GET /transactions', ledger.listTransactions, 'transactions/list', ['table:read', 'secret:cursor']),
  http('transactions-export', 'GET /transactions/export', ledger.exportTransactions, 'transactions/export', ['table:read'], { timeoutSeconds: 29, memoryMb: 1024, throttle: { rate: 5, burst: 10 }, reservedConcurrency: 5 }),
  http('transactions-get', 'GET /transactions/{id}', ledger.getTransaction, 'transactions/get', ['table:read']),
  http('transactions-update', 'PATCH /transactions/{id}', ledger.updateTransaction, 'transactions/update', ['table:write']),
  http('transactions-delete', 'DELETE /transactions/{id}', ledger.deleteTransaction, 'transactions/delete', ['table:write']),
  http('fx-put-rates', 'PUT /fx/rates', ledger.putRates, 'fx/put-rates', ['table:write']),
  http('fx-get-rates', 'GET /fx/rates', ledger.getRates, 'fx/get-rates', ['table:read']),

  http('imports-create', 'POST /imports', imports.createImport, 'imports/create', ['table:write'], { timeoutSeconds: 29, memoryMb: 1024, throttle: { rate: 5, burst: 10 }, reservedConcurrency: 10 }),
  http('imports-get', 'GET /imports/{id}', imports.getImport, 'imports/get', ['table:read']),
  http('rules-list', 'GET /rules', rules.listRules, 'rules/list', ['table:read']),
  http('rules-create', 'POST /rules', rules.createRule, 'rules/create', ['table:write']),
  http('rules-update', 'PATCH /rules/{id}', rules.updateRule, 'rules/update', ['table:write']),
  http('rules-delete', 'DELETE /rules/{id}', rules.deleteRule, 'rules/delete', ['table:write']),
  http('rules-preview', 'POST /rules/{id}/preview', rules.previewRule, 'rules/preview', ['table:read'], { timeoutSeconds: 29, throttle: { rate: 10, burst: 20 }, reservedConcurrency: 5 }),
  http('rules-preview-draft', 'POST /rules/preview', rules.previewDraftRule, 'rules/preview-draft', ['table:read'], { timeoutSeconds: 29, throttle: { rate: 10, burst: 20 }, reservedConcurrency: 5 }),

  // savings goals (progress read from the goal, the account and the monthly rollups)
  http('goals-list', 'GET /goals', goals.listGoals, 'goals/list', ['table:read']),
  http('goals-create', 'POST /goals', goals.createGoal, 'goals/create', ['table:write']),
  http('goals-get', 'GET /goals/{id}', goals.getGoal, 'goals/get', ['table:read']),
  http('goals-update', 'PATCH /goals/{id}', goals.updateGoal, 'goals/update', ['table:write']),
  http('goals-delete', 'DELETE /goals/{id}', goals.deleteGoal, 'goals/delete', ['table:write']),
  http('goals-contribute', 'POST /goals/{id}/contributions', goals.addContribution, 'goals/contribute', ['table:write']),

  // budgets (status read from the daily and monthly rollups)
  http('budgets-list', 'GET /budgets', budgets.listBudgets, 'budgets/list', ['table:read']),
  http('budgets-create', 'POST /budgets', budgets.createBudget, 'budgets/create', ['table:write']),
  http('budgets-status', 'GET /budgets/status', budgets.budgetStatus, 'budgets/status', ['table:read']),
  http('budgets-get', 'GET /budgets/{id}', budgets.getBudget, 'budgets/get', ['table:read']),
  http('budgets-update', 'PATCH /budgets/{id}', budgets.updateBudget, 'budgets/update', ['table:write']),
  http('budgets-delete', 'DELETE /budgets/{id}', budgets.deleteBudget, 'budgets/delete', ['table:write']),

  // recurring payments (detected by the `recurring` queue consumer)
  http('recurring-list', 'GET /recurring', recurring.listRecurring, 'recurring/list', ['table:read']),
  http('recurring-update', 'PATCH /recurring/{id}', recurring.updateRecurring, 'recurring/update', ['table:write']),

  // cash-flow forecast (read from the accounts, the recurring items and the monthly rollups)
  http('forecast-get', 'GET /forecast', forecast.getForecast, 'forecast/get', ['table:read']),

  // analytics (read pre-computed monthly rollups)
  // financial-health report (stores its health.drop alert once per month, hence table:write)
  http('reports-health', 'GET /reports/health', health.healthReport, 'reports/health', ['table:write']),
  // monthly report on demand (JSON or the email's HTML part); computes the health score, hence table:write
  http('reports-monthly', 'GET /reports/monthly', reportContracts.monthlyReport, 'reports/monthly', ['table:write']),
  // one-click unsubscribe from report emails (public: the HMAC-signed token is the credential)
  http('reports-unsubscribe', 'POST /reports/unsubscribe', reportContracts.unsubscribeReports, 'reports/unsubscribe', ['table:write', 'secret:cursor']),
  http('reports-unsubscribe-page', 'GET /reports/unsubscribe', reportContracts.unsubscribePage, 'reports/unsubscribe-page', ['table:read', 'secret:cursor']),
  http('analytics-summary', 'GET /analytics/summary', analytics.summary, 'analytics/summary', ['table:read']),
  http('analytics-trends', 'GET /analytics/trends', analytics.trends, 'analytics/trends', ['table:read']),
  http('analytics-categories', 'GET /analytics/categories', analytics.categories, 'analytics/categories', ['table:read']),
  http('analytics-cashflow', 'GET /analytics/cashflow', analytics.cashflow, 'analytics/cashflow', ['table:read']),

  // the home screen in one request (the sections' use cases over shared reads); table:write for the health section's
  // health.drop alert (as GET /reports/health), secret:cursor for the unread alerts page's cursor
  http('dashboard-get', 'GET /dashboard', dashboard.getDashboard, 'dashboard/get', ['table:write', 'secret:cursor']),

  // alerts (raised by the `alerts` queue consumer)
  http('alerts-list', 'GET /alerts', alerts.listAlerts, 'alerts/list', ['table:read', 'secret:cursor']),
  http('alerts-read', 'POST /alerts/{id}/read', alerts.readAlert, 'alerts/read', ['table:write']),
  http('alerts-read-all', 'POST /alerts/read-all', alerts.readAllAlerts, 'alerts/read-all', ['table:write']),
  http('alerts-get-preferences', 'GET /alerts/preferences', alerts.getAlertPreferences, 'alerts/get-preferences', ['table:read']),
  http('alerts-put-preferences', 'PUT /alerts/preferences', alerts.putAlertPreferences, 'alerts/put-preferences', ['table:write']),

  // advice (computed by the `advice` queue consumer from rollups, budgets, goals and recurring payments)
  http('advice-list', 'GET /advice', advice.listAdvice, 'advice/list', ['table:read']),
  http('advice-feedback', 'POST /advice/{id}/feedback', advice.adviceFeedback, 'advice/feedback', ['table:write']),
  http('advice-apply', 'POST /advice/{id}/apply', advice.applyAdvice, 'advice/apply', ['table:write']),

  // async: the outbox relay, consumers, schedules (./async-functions.ts)
  ...asyncFunctions,
];

export const httpFunctions = functions.filter((f): f is HttpFunction => f.kind === 'http');
export const queueFunctions = functions.filter((f): f is QueueFunction => f.kind === 'queue');
export const scheduleFunctions = functions.filter((f): f is ScheduleFunction => f.kind === 'schedule');
export const streamFunctions = functions.filter((f): f is StreamFunction => f.kind === 'stream');
