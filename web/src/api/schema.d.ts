/* Generated from the API contracts by `npm run web:api`; do not edit. */
export interface paths {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness of the API */
        get: operations["health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This API as an OpenAPI 3.1 document */
        get: operations["openapi"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/docs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readable API documentation
         * @description Redirects (302) to the interactive API reference, Swagger UI served by the web app at `/docs/`, where requests can be tried. A deployment without a web app answers a self-contained HTML page instead; it also lists the problem types (`/docs#problem-<kind>`).
         */
        get: operations["docs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create an account
         * @description New accounts join the `user` role. Where auto-confirm is off (`confirmed: false`), the address gets a code: confirm with `POST /auth/confirm`.
         *
         *     The answer is the same, in status, body shape and roughly in time (at least 1 s), whether or not the address already has an account, so it does not tell who has one. For an address that has one nothing is created: an account still waiting for confirmation gets a new code (its first password stays), the owner of a confirmed one an email saying someone tried to register with it (at most one a day); `userId` is then a random id that belongs to nobody, and `confirmed` what a new account would have. A `userId` is therefore only yours once you can sign in. At most 5 registrations per address and hour (then 429 with `Retry-After`).
         */
        post: operations["auth-register-POST-auth-register"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create an account
         * @description New accounts join the `user` role. Where auto-confirm is off (`confirmed: false`), the address gets a code: confirm with `POST /auth/confirm`.
         *
         *     The answer is the same, in status, body shape and roughly in time (at least 1 s), whether or not the address already has an account, so it does not tell who has one. For an address that has one nothing is created: an account still waiting for confirmation gets a new code (its first password stays), the owner of a confirmed one an email saying someone tried to register with it (at most one a day); `userId` is then a random id that belongs to nobody, and `confirmed` what a new account would have. A `userId` is therefore only yours once you can sign in. At most 5 registrations per address and hour (then 429 with `Retry-After`).
         */
        post: operations["auth-register-POST-users-register"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm an account with the code sent by email
         * @description A wrong or expired code, an unknown address and an address with nothing to confirm get the same 400. At most 5 attempts per address and hour, then 429 with `Retry-After` (also for the right code) until the hour is over; `POST /auth/resend-confirmation` sends a new code.
         */
        post: operations["auth-confirm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in with email and password
         * @description A wrong password, an unknown address and an account not confirmed yet get the same 401. After 10 failed sign-ins of an address within 15 minutes, every sign-in of it is 429 with `Retry-After` until those minutes are over (successful sign-ins do not count).
         */
        post: operations["auth-login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Exchange a refresh token for new access and id tokens */
        post: operations["auth-refresh"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign out: this session’s access tokens and refresh token stop working at once
         * @description The session’s refresh token is also revoked at the identity provider, whether or not the client sends it. With `{"everywhere": true}` every session of the user ends.
         */
        post: operations["auth-logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/change-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change the password; every other session of the account ends
         * @description Needs the current password. The session this request comes with stays signed in. At most 5 per account and hour (then 429 with `Retry-After`).
         */
        post: operations["auth-change-password"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/forgot-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Email a code to reset a forgotten password
         * @description A confirmed account with this address gets a code by email; use it with `POST /auth/reset-password`. At most 5 requests per address and hour (then 429 with `Retry-After`). The answer is the same, in status, body and roughly in time, whether or not an account has this address.
         */
        post: operations["auth-forgot-password"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/reset-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set a new password with the emailed code; every session of the account ends
         * @description A wrong or expired code and an unknown address get the same 400. At most 5 requests per address and hour (then 429 with `Retry-After`). The answer is the same, in status, body and roughly in time, whether or not an account has this address.
         */
        post: operations["auth-reset-password"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/resend-confirmation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Email a new confirmation code
         * @description An account still waiting for confirmation gets a new code by email (unconfirmed accounts are deleted 7 days after registration). At most 5 requests per address and hour (then 429 with `Retry-After`). The answer is the same, in status, body and roughly in time, whether or not an account has this address.
         */
        post: operations["auth-resend-confirmation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/create_role": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a role (admin)
         * @description Every permission of the role must be one the caller holds; `*` and `roles:*` only by holders of `*`. Recorded in the audit trail (`GET /auth/audit`).
         */
        post: operations["roles-create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List roles and their permissions */
        get: operations["roles-list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/roles/{role}/members/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Give a user a role (admin)
         * @description The caller must hold every permission of the role; the `admin` role and roles carrying `*` or `roles:*` only by holders of `*`; nobody changes their own memberships. Recorded in the audit trail.
         */
        put: operations["roles-add-member"];
        post?: never;
        /**
         * Take a role from a user (admin)
         * @description The same rules as giving a role: an administrator leaves `admin` only when another holder of `*` removes them.
         */
        delete: operations["roles-remove-member"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The audit trail of role changes, newest first (admin)
         * @description Who changed which role or membership, when and from which request, including refused attempts. `pending` means the change was under way and its outcome is unknown. `nextCursor` is opaque and signed; pass it back as `cursor`.
         */
        get: operations["roles-audit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller’s profile */
        get: operations["me-get"];
        put?: never;
        post?: never;
        /**
         * Erase the caller’s account and all its data
         * @description Signs out every session and deletes the sign-in at once. Answers 204 when all the data is gone, or 202 `{"status": "erasing"}` when a large ledger is being finished in the background (a few minutes). Needs a sign-in within the last 5 minutes (a refresh does not count), or the password in the body; otherwise 403 asking to re-authenticate.
         */
        delete: operations["me-delete"];
        options?: never;
        head?: never;
        /**
         * Change the caller’s basic financial details
         * @description `monthlyIncome.amount` is in minor units of its currency (cents for EUR).
         */
        patch: operations["me-update"];
        trace?: never;
    };
    "/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List accounts with balances
         * @description Every account in one answer (there are at most as many as the cap). A user may hold at most 100 accounts; a create past that answers 409 `limit-exceeded` with `limit: "accounts"` and `max`.
         */
        get: operations["accounts-list"];
        put?: never;
        /**
         * Create an account
         * @description A user may hold at most 100 accounts; a create past that answers 409 `limit-exceeded` with `limit: "accounts"` and `max`.
         */
        post: operations["accounts-create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One account with its balance */
        get: operations["accounts-get"];
        put?: never;
        post?: never;
        /** Delete an account that has no transactions (archive it otherwise) */
        delete: operations["accounts-delete"];
        options?: never;
        head?: never;
        /** Rename, retype or archive an account */
        patch: operations["accounts-update"];
        trace?: never;
    };
    "/categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List categories (two levels)
         * @description Every category in one answer (there are at most as many as the cap). A user may hold at most 300 categories (the defaults included); a create past that answers 409 `limit-exceeded` with `limit: "categories"` and `max`.
         */
        get: operations["categories-list"];
        put?: never;
        /**
         * Create a category (optionally under a parent)
         * @description A user may hold at most 300 categories (the defaults given at sign-up included); a create past that answers 409 `limit-exceeded` with `limit: "categories"` and `max`.
         */
        post: operations["categories-create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/categories/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a category; `reassignTo` moves its transactions, else a category in use is refused (409) */
        delete: operations["categories-delete"];
        options?: never;
        head?: never;
        /** Rename or move a category */
        patch: operations["categories-update"];
        trace?: never;
    };
    "/transactions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Transactions, newest first, filtered and paginated
         * @description `nextCursor` is opaque and signed; pass it back as `cursor` with the same filters.
         */
        get: operations["transactions-list"];
        put?: never;
        /**
         * Record a transaction
         * @description `amount` is a positive integer in minor units of `currency`; splits must sum to it exactly. Rules fill fields you did not set.
         */
        post: operations["transactions-create-POST-transactions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/transactions/add": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record a transaction
         * @description `amount` is a positive integer in minor units of `currency`; splits must sum to it exactly. Rules fill fields you did not set.
         */
        post: operations["transactions-create-POST-transactions-add"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/transactions/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Export transactions as CSV (the columns the importer reads back) */
        get: operations["transactions-export"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/transactions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One transaction */
        get: operations["transactions-get"];
        put?: never;
        post?: never;
        /** Delete a transaction */
        delete: operations["transactions-delete"];
        options?: never;
        head?: never;
        /** Change a transaction */
        patch: operations["transactions-update"];
        trace?: never;
    };
    "/fx/rates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Rates in effect on a date (latest on or before it, at most 7 days older) */
        get: operations["fx-get-rates"];
        /**
         * Publish exchange rates for a date (units of each currency per 1 base)
         * @description Pending transactions whose date this rate covers are converted.
         */
        put: operations["fx-put-rates"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import a bank file (CSV, OFX 1.x/2.x, QIF) into an account
         * @description Answers 202 at once; the rows are written by a background worker and `GET /imports/{id}` shows progress, duplicates (each with its reason) and unreadable rows. With `dryRun` nothing is written: the report shows what would happen.
         */
        post: operations["imports-create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/imports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Progress and report of an import */
        get: operations["imports-get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List rules in the order they apply
         * @description Every rule in one answer (there are at most as many as the cap). A user may hold at most 200 rules; a create past that answers 409 `limit-exceeded` with `limit: "rules"` and `max`.
         */
        get: operations["rules-list"];
        put?: never;
        /**
         * Create a categorisation rule
         * @description Rules apply on create and import, lowest priority first; they never overwrite a field set by hand. A user may hold at most 200 rules; a create past that answers 409 `limit-exceeded` with `limit: "rules"` and `max`.
         */
        post: operations["rules-create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/rules/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a rule */
        delete: operations["rules-delete"];
        options?: never;
        head?: never;
        /** Change a rule */
        patch: operations["rules-update"];
        trace?: never;
    };
    "/rules/{id}/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Which existing transactions a rule would change, and how */
        post: operations["rules-preview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/rules/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Which existing transactions an unsaved rule would change, and how
         * @description The body of `POST /rules` (only `conditions` and `actions` are needed); nothing is saved. The rule is validated and its pattern compiled as on saving (linear-time matching), then run over your newest transactions with the same bounds as `POST /rules/{id}/preview` (at most 5,000 read, `limit` matches).
         */
        post: operations["rules-preview-draft"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/goals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List savings goals with their progress
         * @description Every goal in one answer (there are at most as many as the cap), each with its progress as `GET /goals/{id}` answers it.
         *
         *     Progress is computed on read for `asOf` (default today in your time zone), from pre-computed data only (the goal item, the account item, the monthly rollups): never the transactions.
         *
         *     `saved`: for a goal with `accountId`, that account’s balance in the goal’s currency (opening balance + transactions when it is the account’s own currency); otherwise `startAmount` + every contribution. `remaining` = max(target − saved, 0); `percent` = saved ÷ target, two decimals.
         *
         *     `requiredMonthly` = remaining ÷ months left (the current month and the target date’s month both count), rounded up; the whole remainder once the date has passed; null without a target date.
         *
         *     The goal’s monthly flow (its history, the latest up-to-12 complete months before `asOf`): for an account goal the account’s own net flow that month in the base currency (rollup field `a:<accountId>`: income and transfers in, minus expenses and transfers out — the part of your monthly surplus that stayed in that account), from the account’s first month with any flow among them (a back-dated or imported ledger counts); for a contribution goal the month’s net contributions, from the month it was created or of its first contribution. An account goal in a currency other than your base has no usable history (the flows are recorded in the base currency).
         *
         *     `averageMonthly`: mean flow of the latest 3 of those months. `projectedCompletion`: last day of the month that pace reaches the target.
         *
         *     `feasibility.probability`: P(the flows of the months left add up to `remaining`), by a bootstrap of your own months (10,000 sums of months drawn with replacement, seeded by the goal id and the figures so the answer is stable; past 36 months left the normal approximation of that sum with its skewness term); exactly 0 or 1 when every month is the same; null with `basis.reason` without a target date or without a complete month of history. `basis` lists the months, their count and the figures.
         *
         *     `status`: `reached` when saved ≥ target; past the date `off_track`; else from the probability (≥ 0.8 `on_track`, < 0.5 `off_track`, between `at_risk`); without a probability `on_track` while the recent pace covers `requiredMonthly`, else `at_risk`.
         *
         *     `suggestion` (null when there is no gap, no target date, or the goal is not in your base currency): the monthly gap (requiredMonthly − max(averageMonthly, 0)) and the smallest cut that closes it — exactly the gap, spread over your discretionary categories (shopping, entertainment, travel and their children, eating and drinking out, hair & beauty; shared/domain/ledger/categories.ts) in proportion to each one’s median spend over the latest 3 complete months; when all of that spend is less than the gap, all of it, with the `shortfall`.
         */
        get: operations["goals-list"];
        put?: never;
        /**
         * Create a savings goal
         * @description `targetAmount` in minor units of `currency` (default your base currency). With `accountId` (one of your accounts) progress follows that account's balance in the goal's currency and contributions are refused; without it, progress is `startAmount` (default 0) plus the contributions you record. `targetDate` (optional) may not be in the past. A user may hold at most 50 goals; a create past that answers 409 `limit-exceeded` with `limit: "goals"` and `max`.
         */
        post: operations["goals-create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/goals/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A savings goal and its progress
         * @description Progress is computed on read for `asOf` (default today in your time zone), from pre-computed data only (the goal item, the account item, the monthly rollups): never the transactions.
         *
         *     `saved`: for a goal with `accountId`, that account’s balance in the goal’s currency (opening balance + transactions when it is the account’s own currency); otherwise `startAmount` + every contribution. `remaining` = max(target − saved, 0); `percent` = saved ÷ target, two decimals.
         *
         *     `requiredMonthly` = remaining ÷ months left (the current month and the target date’s month both count), rounded up; the whole remainder once the date has passed; null without a target date.
         *
         *     The goal’s monthly flow (its history, the latest up-to-12 complete months before `asOf`): for an account goal the account’s own net flow that month in the base currency (rollup field `a:<accountId>`: income and transfers in, minus expenses and transfers out — the part of your monthly surplus that stayed in that account), from the account’s first month with any flow among them (a back-dated or imported ledger counts); for a contribution goal the month’s net contributions, from the month it was created or of its first contribution. An account goal in a currency other than your base has no usable history (the flows are recorded in the base currency).
         *
         *     `averageMonthly`: mean flow of the latest 3 of those months. `projectedCompletion`: last day of the month that pace reaches the target.
         *
         *     `feasibility.probability`: P(the flows of the months left add up to `remaining`), by a bootstrap of your own months (10,000 sums of months drawn with replacement, seeded by the goal id and the figures so the answer is stable; past 36 months left the normal approximation of that sum with its skewness term); exactly 0 or 1 when every month is the same; null with `basis.reason` without a target date or without a complete month of history. `basis` lists the months, their count and the figures.
         *
         *     `status`: `reached` when saved ≥ target; past the date `off_track`; else from the probability (≥ 0.8 `on_track`, < 0.5 `off_track`, between `at_risk`); without a probability `on_track` while the recent pace covers `requiredMonthly`, else `at_risk`.
         *
         *     `suggestion` (null when there is no gap, no target date, or the goal is not in your base currency): the monthly gap (requiredMonthly − max(averageMonthly, 0)) and the smallest cut that closes it — exactly the gap, spread over your discretionary categories (shopping, entertainment, travel and their children, eating and drinking out, hair & beauty; shared/domain/ledger/categories.ts) in proportion to each one’s median spend over the latest 3 complete months; when all of that spend is less than the gap, all of it, with the `shortfall`.
         */
        get: operations["goals-get"];
        put?: never;
        post?: never;
        /** Delete a savings goal */
        delete: operations["goals-delete"];
        options?: never;
        head?: never;
        /**
         * Change a savings goal
         * @description `targetDate: null` removes the date; `accountId: null` stops following an account (progress is then the start amount and contributions). A goal with a start amount or contributions cannot start following an account (409).
         */
        patch: operations["goals-update"];
        trace?: never;
    };
    "/goals/{id}/contributions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record a contribution to a savings goal
         * @description Only for a goal that does not follow an account (409 otherwise: move money into the account instead). `amount` is signed minor units of the goal’s currency, never 0 (negative takes money out). `date` may not be later than tomorrow. The goal keeps a running total per month (120 months one by one, older ones summed) and its latest 20 contributions with their notes, so it never grows without bound; its `version` goes up.
         */
        post: operations["goals-contribute"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/budgets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List budgets
         * @description Every budget in one answer (there are at most as many as the cap), oldest first. A user may hold at most 100 budgets; a create past that answers 409 `limit-exceeded` with `limit: "budgets"` and `max`.
         */
        get: operations["budgets-list"];
        put?: never;
        /**
         * Create a budget
         * @description A budget limits spending per period (calendar month, ISO week from Monday, or calendar year) in minor units of the base currency (1 to 10000000000000). A category budget covers the category and its children; `categoryId: null` covers every category. Spending is expenses minus refunds (income booked in a covered expense category); transfers never count. `rollover`: `positive` carries what was left of a period into the next, `full` also carries an overspend (lowering the next period), chained from the period containing `startDate` (default: the day the budget was created). A user may hold at most 100 budgets; a create past that answers 409 `limit-exceeded` with `limit: "budgets"` and `max`.
         */
        post: operations["budgets-create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/budgets/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Where every budget stands in its period as of a day, and where it is heading
         * @description Spending through `date` (default: today in your time zone) in the period containing it, read from pre-computed daily and monthly rollups only (cost independent of how many transactions exist). `available` = `limit` + `carriedOver`; `status` is `over` once `spent` > `available`, `at_risk` when `projected` > `available`, else `on_track`. Pending-FX expenses are counted apart in `pendingFx` (native amounts per currency), never at 1:1. Pace learns from your own previous periods: the cumulative share of the period’s spending by day (by month for yearly budgets) over the previous 3 months, 6 weeks or 3 years with spending in the budget’s categories, so a rent paid on the 1st is not a pace problem on the 2nd; without that history it is linear. Rollover replays at most the last 24 monthly, 13 weekly or 5 yearly periods before the current one (earlier ones carry nothing). `method` states the formulas.
         */
        get: operations["budgets-status"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/budgets/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One budget */
        get: operations["budgets-get"];
        put?: never;
        post?: never;
        /** Delete a budget */
        delete: operations["budgets-delete"];
        options?: never;
        head?: never;
        /**
         * Change a budget
         * @description A budget limits spending per period (calendar month, ISO week from Monday, or calendar year) in minor units of the base currency (1 to 10000000000000). A category budget covers the category and its children; `categoryId: null` covers every category. Spending is expenses minus refunds (income booked in a covered expense category); transfers never count. `rollover`: `positive` carries what was left of a period into the next, `full` also carries an overspend (lowering the next period), chained from the period containing `startDate` (default: the day the budget was created).
         */
        patch: operations["budgets-update"];
        trace?: never;
    };
    "/recurring": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Recurring payments detected in your ledger
         * @description Detected per merchant (the description's merchant key) from your own last 36 payments to it, kept up to date by the `recurring` queue consumer as transactions are recorded, changed or deleted (a few seconds behind the ledger). Expenses and income are separate series; transfers are left out; one currency per series (the latest payment's). Periods: weekly, fortnightly, monthly, quarterly, yearly — each gap between payments may be one to three periods (skipped payments) within ± 2, 3, 5, 12 or 20 days (shifted ones). Amounts: 80 % within 20 % of their median, or one step to a new price that stayed for at least two payments (`priceChange`; a rise raises a `recurring.price_rise` alert). `confidence` (0–1) grows with regularity and count; only series at 0.5 or more are listed. `nextExpectedDate` is one period after the last payment (same day of the month for monthly, quarterly and yearly); `lapsed` says that payment and the next are both overdue beyond the tolerance today (UTC): most likely cancelled. Amounts are minor units of `currency`. An `ignored` payment is still listed (with its status) and stays ignored when detected again. Sorted by next expected date.
         */
        get: operations["recurring-list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/recurring/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Confirm or ignore a recurring payment
         * @description Needs `If-Match` with the item’s `version` (each new detection moves it on too: read again on 412). An ignored payment raises no price-rise alert. Another user’s id answers 404.
         */
        patch: operations["recurring-update"];
        trace?: never;
    };
    "/forecast": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Cash-flow forecast with its confidence band
         * @description Read only from pre-computed state — your accounts, your recurring payments and your monthly rollups — never the transactions, so it costs the same at any ledger size.
         *
         *     `startingBalance`: the sum of your accounts’ balances (opening balance + transactions, per currency) in your base currency; an amount in another currency is converted at the latest ECB rate (at most 7 days old), or left out and listed in `method.excluded` when there is none.
         *
         *     `months` starts with what is left of the current month (`share` < 1) when `asOf` is not its last day, then whole calendar months, `months` entries in all (1–6, default 3).
         *
         *     Known part: each recurring payment (confirmed, or detected with confidence ≥ 0.6; ignored ones never) counted once per expected date in the month after `asOf` (a payment due but not yet seen counts on the next day; one more than a period late is taken as stopped), at its average amount, converted at the latest rate when in another currency (or left out and listed).
         *
         *     Residual: each past complete month’s income and expenses (monthly rollups, the latest up to 24 months from the first with activity) minus the recurring payments that fell in it (each side at least 0). 2,000 balance paths each draw their own replicate of those months (with replacement), then, month after month, one month of that replicate’s residual (jittered by a small normal kernel: 0.2 × Silverman’s bandwidth), so the spread grows with the horizon; `balance` is the P10/P50/P90 of the paths at each month end (integers, nearest rank). Seeded by your user id and the figures: the same data gives the same answer.
         *
         *     `income` / `expenses` / `net`: the known part plus the mean residual (scaled by `share`). Without recurring payments `method.name` is `bootstrap`.
         */
        get: operations["forecast-get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Financial-health report of a month: a 0–100 score from six components, the change from the previous month, related advice
         * @description Components: savings rate (25 points), emergency fund (20), budget adherence (15), spending stability (10), recurring burden (15), goal progress (15), each earning points on a piecewise-linear scale between fixed boundaries. The score is the points earned ÷ the points of the components that have data × 100 (a component without data is left out and the rest rescaled). A drop of 10 points or more from the previous month raises a `health.drop` alert once per month. `month` defaults to the current month in your time zone; a month after it or before 1900-01 is a 400. Read from pre-computed state only (rollups, accounts, budget and goal statuses, recurring payments, advice): its cost does not grow with the number of transactions.
         */
        get: operations["reports-health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/monthly": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Monthly report on demand: totals and change, top categories, budgets, goals, alerts, open advice, health score
         * @description `month` defaults to the current month in your time zone (a later month is a 400). `format=html` answers the HTML part of the report email (`text/html`, tables and inline CSS only, served with a CSP that allows no script and no remote resource); `format=json` (default) the same content as JSON. Amounts are base minor units.
         */
        get: operations["reports-monthly"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/unsubscribe": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The page an unsubscribe link opens: a button that confirms (POST), so that a link scanner changes nothing */
        get: operations["reports-unsubscribe-page"];
        put?: never;
        /**
         * One-click unsubscribe from report emails (RFC 8058), without signing in
         * @description The `token` comes from the signed link in a report email (`List-Unsubscribe`). Sets the account's `reports` preference to `off` and answers 204; a tampered, malformed or expired token is a 400 problem. Repeating it changes nothing more.
         */
        post: operations["reports-unsubscribe"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/analytics/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One month in the base currency: income, expenses, savings rate, categories, merchants
         * @description Read from pre-computed rollups (cost independent of how many transactions exist). `asOf` is when the rollup last changed. Pending-FX transactions are counted apart in `pendingFx`, never at 1:1.
         */
        get: operations["analytics-summary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/analytics/trends": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Monthly series with a 3-month moving average and month-over-month change, overall and per category */
        get: operations["analytics-trends"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/analytics/categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Totals and shares per category across a range of months */
        get: operations["analytics-categories"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/analytics/cashflow": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Monthly net and running cumulative for the last N months */
        get: operations["analytics-cashflow"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dashboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Home screen in one request: profile, accounts, budgets, goals, unread alerts, open advice, forecast, the month's summary and trend, health score
         * @description What a home screen shows, in one request: the same bodies as the routes each section stands for, computed for the caller only (the user id comes from the token), with the items several sections read fetched once.
         *
         *     - `me`: `GET /me`.
         *     - `accounts`: `GET /accounts`; `budgets`: `GET /budgets/status` (today); `goals`: `GET /goals` (today); `alerts`: `GET /alerts?unread=true&limit=100` (the first page of unread alerts; more are paged with its `nextCursor` on `GET /alerts`); `advice`: `GET /advice?status=open`; `forecast`: `GET /forecast?months=3`.
         *     - `summary`: `GET /analytics/summary?month=…` (with the previous month's figure of each category); `trends`: `GET /analytics/trends` over the 12 months ending with `month`; `health`: `GET /reports/health?month=…` (which may raise the month's `health.drop` alert, as that route does).
         *
         *     `month` (YYYY-MM) chooses the month of `summary`, `trends` and `health`; it defaults to the current month in your time zone, and a month after it or before 1901-01 is a 400. The other sections are as of now.
         *
         *     **Partial answers.** A section that fails (a dependency unavailable, an internal error) does not fail the others: it comes back `null`, and `problems` holds one problem document for it with its `section` name and the status its own route would have answered (e.g. 503). The answer is still 200; a client shows the sections it has and may retry the failed one on its own route. `problems` is empty when every section is present. Only a failure to read the caller's profile (`me`, which every section needs) fails the whole request.
         */
        get: operations["dashboard-get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller’s alerts, newest first
         * @description Alerts are computed by the `alerts` queue consumer from the ledger's events, after the analytics rollups have counted them. Each alert's id is a hash of (kind, subject, period, threshold) and is written once ("does not exist" condition), so duplicated, reordered or redelivered events never raise it twice. The rules are level-based, and their "as of" dates come from the transaction, never from the delivery order:
         *     - `budget.threshold` (one per budget, period and threshold): every threshold at or below the spending of the WHOLE period containing the transaction's date (the status as of the period's last day), so the event evaluated last sees the final spending and the set depends only on the final data;
         *     - `budget.pace` (one per budget and period): the status as of the transaction's date projects the period to end over budget while spending is still under 100 % — raised at the write that tipped it, before the 100 % threshold;
         *     - `transaction.unusual` (one per transaction): the expense's base amount against the same category's expenses in the 90 days before its date (at most 200, the by-category index), modified z-score 0.6745·(x−median)/MAD > 3.5 (Iglewicz–Hoaglin) with at least 8 earlier expenses; `evidence.method` says which variant applied;
         *     - `goal.reached` (once per goal) and `goal.off_track` (once per goal and month), from the goals' status as of the day of evaluation (UTC).
         *     - `recurring.price_rise` (once per recurring payment and date of the new price), raised by the `recurring` consumer when a detected recurring payment's amount stepped up and stayed (`evidence`: the recurring id, old and new amount, since); none for a payment the user ignored.
         *     - `health.drop` (once per month): the financial-health score of a month (`GET /reports/health`) is 10 or more points below the previous month's; evaluated whenever that report is computed for the current month or a month that ended within the last 365 days (`evidence`: month, score, previousScore, delta, components).
         *     Changes dated more than 365 days ago raise nothing; alerts are kept 400 days. A transient state undone before the consumer read it (a transaction created then deleted at once) may raise nothing; an alert once raised stays.
         *
         *     `unread=true` lists only unread alerts (a page may then come back shorter than `limit` with a `nextCursor`). `nextCursor` is opaque and signed; pass it back as `cursor`.
         */
        get: operations["alerts-list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/alerts/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark one alert read
         * @description Idempotent: an alert already read keeps its first `readAt`. Another user’s alert answers 404.
         */
        post: operations["alerts-read"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/alerts/read-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark every unread alert read
         * @description Marks at most 500 unread alerts per call (newest first); `more: true` means some remain: call again.
         */
        post: operations["alerts-read-all"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/alerts/preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Alert preferences per kind
         * @description Per kind: `enabled` (a kind switched off is not raised at all: nothing is stored while it is off) and `email`: `off`, `immediate` (an email per alert through the notifications queue) or `daily` (one digest email the next morning, 07:00 UTC, listing the alerts of the previous UTC day). Defaults: every kind on, email off.
         */
        get: operations["alerts-get-preferences"];
        /**
         * Change alert preferences
         * @description Only the kinds named change (each field optional); the answer is the whole set.
         */
        put: operations["alerts-put-preferences"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/advice": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your advice, highest monthly impact first
         * @description Advice is computed by the `advice` queue consumer from pre-computed state only — the monthly rollups of the current and the 6 previous months, budgets, goals (and their suggested cuts), recurring payments, account balances and the ECB rates — never by reading transactions. Every ledger write reaches the consumer; a burst of writes gives one recompute (debounced per user, about 1 s), run once the analytics consumer has counted the latest write; a monthly schedule refreshes everyone. Amounts are integer minor units of `impact.currency`; `impact.monthly` is what following the advice is worth a month.
         *     Kinds: `category.above_baseline` (this month so far > max(1.3 × median of the previous 3–6 complete months, median + 20.00)); `subscriptions.total` (Σ recurring expenses as monthly equivalents, two or more); `subscriptions.price_rise` (a recurring payment's price stepped up and stayed); `subscriptions.unused` (no other spending in its category in each of the last 2 complete months); `savings.rate` (last complete month's (income − expenses) ÷ income below 20 %; income from the rollups, else the declared monthly income); `budgets.suggested` (median spend of the top 5 categories without a budget, rounded up to 100 minor units; `POST /advice/{id}/apply` creates them); `goal.funding` (an off-track or at-risk goal's discretionary cuts); `emergency.fund` (checking, savings and cash balances in the base currency ÷ median monthly expenses below 3 months); `fx.effect` (the part of the last month-over-month change of foreign-currency flows due to exchange rates, from the `cur:<CUR>` native totals at each month-end's rate).
         *     An advice's id is a hash of (kind, subject, evidence fingerprint: e.g. category and month), so it keeps its id while its figures move within the same evidence, and a dismissed advice stays dismissed until the evidence changes (another month, another price).
         *
         *     `status`: `open` (default), `dismissed`, `applied` or `all`.
         */
        get: operations["advice-list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/advice/{id}/feedback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Say whether an advice was useful, and dismiss it
         * @description `useful` is recorded (the latest answer wins); `dismiss: true` closes the advice: it is no longer listed as open and does not come back for the same evidence. Another user’s advice answers 404.
         */
        post: operations["advice-feedback"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/advice/{id}/apply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Apply a budgets.suggested advice: create its budgets in one call
         * @description Creates each suggested monthly budget (no rollover) through the budgets rules, skipping a category that already has a budget, and marks the advice `applied` with `appliedBudgetIds`. Idempotent: applying it again creates nothing and answers the same advice. Any other kind, or a dismissed advice, answers 409. Another user’s advice answers 404.
         */
        post: operations["advice-apply"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description RFC 9457 problem document. Extension members beyond those listed may appear; ignore the ones you do not know. */
        Problem: {
            type: string;
            title: string;
            status: number;
            detail: string;
            instance?: string;
            /** @description 400 `validation`: each wrong field (`body.…`, `query.…`, `path.…`, `header.…`) and what is wrong with it. */
            errors?: {
                path: string;
                message: string;
            }[];
            /** @description 409 `limit-exceeded`: the per-user collection at its cap (e.g. `rules`, `accounts`). */
            limit?: string;
            /** @description 409 `limit-exceeded`: the cap of that collection. */
            max?: number;
            /** @description 409 on DELETE /accounts/{id}: the savings goals that follow the account (delete or detach them first). */
            goals?: {
                id: string;
                name: string;
            }[];
            /** @description 409 on DELETE /categories/{id}: the category is in use (by transactions, rules or budgets); repeat with `?reassignTo`. */
            inUse?: boolean;
            /** @description 409 on DELETE /categories/{id}: the rules that set the category. */
            ruleIds?: string[];
            /** @description 409 on DELETE /categories/{id}: the budgets that limit the category. */
            budgetIds?: string[];
            /** @description 409 on POST /goals/{id}/contributions: the account whose balance the goal follows. */
            accountId?: string;
            /** @description 409 on POST /imports: the import still queued or running. */
            runningImportId?: string;
            /** @description 412 `precondition-failed`: the version the resource is at now (read it again, or send it in `If-Match` to overwrite knowingly). */
            currentVersion?: number;
        } & {
            [key: string]: unknown;
        };
        /** @description A refusal written by API Gateway itself, not by Tally. */
        GatewayMessage: {
            message: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    health: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        status: "ok";
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    openapi: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    docs: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": unknown;
                };
            };
            /** @description To the web app’s interactive API reference (Swagger UI), named in `Location`. */
            302: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "auth-register-POST-auth-register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                    password: string;
                    name?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        userId: string;
                        email: string;
                        confirmed: boolean;
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "auth-register-POST-users-register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                    password: string;
                    name?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        userId: string;
                        email: string;
                        confirmed: boolean;
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "auth-confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                    code: string;
                };
            };
        };
        responses: {
            /** @description Success, no content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "auth-login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accessToken: string;
                        idToken: string;
                        refreshToken?: string;
                        expiresIn: number;
                        /** @constant */
                        tokenType: "Bearer";
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "auth-refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    refreshToken: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accessToken: string;
                        idToken: string;
                        refreshToken?: string;
                        expiresIn: number;
                        /** @constant */
                        tokenType: "Bearer";
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "auth-logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    refreshToken?: string;
                    everywhere?: boolean;
                };
            };
        };
        responses: {
            /** @description Success, no content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "auth-change-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    currentPassword: string;
                    newPassword: string;
                };
            };
        };
        responses: {
            /** @description Success, no content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "auth-forgot-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                };
            };
        };
        responses: {
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        status: "accepted";
                        message: string;
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "auth-reset-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                    code: string;
                    newPassword: string;
                };
            };
        };
        responses: {
            /** @description Success, no content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "auth-resend-confirmation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                };
            };
        };
        responses: {
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        status: "accepted";
                        message: string;
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "roles-create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @default  */
                    description?: string;
                    permissions: string[];
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        name: string;
                        description: string;
                        permissions: string[];
                        builtIn: boolean;
                        createdAt: string;
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the permission `roles:write` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "roles-list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            name: string;
                            description: string;
                            permissions: string[];
                            builtIn: boolean;
                            createdAt: string;
                        }[];
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the permission `roles:read` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "roles-add-member": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                role: string;
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success, no content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the permission `roles:write` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "roles-remove-member": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                role: string;
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success, no content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the permission `roles:write` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "roles-audit": {
        parameters: {
            query?: {
                /** @description Page size, 1 to 100 (default 50). */
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            at: string;
                            actorUserId: string;
                            /** @enum {string} */
                            action: "role.create" | "role.member.add" | "role.member.remove";
                            role: string;
                            targetUserId?: string;
                            permissions: string[];
                            /** @enum {string} */
                            outcome: "applied" | "refused" | "pending" | "failed";
                            reason?: string;
                            requestId: string;
                            sourceIp?: string;
                            userAgent?: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the permission `audit:read` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "me-get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        userId: string;
                        email: string;
                        name: string | null;
                        baseCurrency: string;
                        monthlyIncome: {
                            amount: number;
                            currency: string;
                        } | null;
                        timezone: string;
                        /** @enum {string} */
                        reports: "weekly" | "monthly" | "both" | "off";
                        roles: string[];
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "me-delete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    password?: string;
                };
            };
        };
        responses: {
            /** @description Signed out and the sign-in deleted; the rest of a large ledger is being erased in the background (a few minutes). */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        status: "erasing";
                    };
                };
            };
            /** @description Success, no content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Sign in again: the sign-in is older than 5 minutes (a refresh does not count) and no password, or a wrong one, was sent. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "me-update": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string | null;
                    baseCurrency?: string;
                    monthlyIncome?: {
                        /** @description Integer minor units, 0 to 10,000,000,000,000 (the ceiling of one amount). */
                        amount: number;
                        currency: string;
                    } | null;
                    timezone?: string;
                    /** @enum {string} */
                    reports?: "weekly" | "monthly" | "both" | "off";
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        userId: string;
                        email: string;
                        name: string | null;
                        baseCurrency: string;
                        monthlyIncome: {
                            amount: number;
                            currency: string;
                        } | null;
                        timezone: string;
                        /** @enum {string} */
                        reports: "weekly" | "monthly" | "both" | "off";
                        roles: string[];
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "accounts-list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            name: string;
                            /** @enum {string} */
                            type: "checking" | "savings" | "credit" | "cash" | "investment" | "loan";
                            currency: string;
                            openingBalance: number;
                            /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                            balance: number | string;
                            otherCurrencies: {
                                currency: string;
                                /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                                amount: number | string;
                            }[];
                            archived: boolean;
                            version: number;
                            createdAt: string;
                            updatedAt: string;
                        }[];
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "accounts-create": {
        parameters: {
            query?: never;
            header?: {
                /** @description A retried request with the same key and body gets the first reply (same status and body) and changes nothing; the same key with another body gets 422 (24 h). */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @enum {string} */
                    type: "checking" | "savings" | "credit" | "cash" | "investment" | "loan";
                    currency: string;
                    /**
                     * @description Integer minor units, within ±10,000,000,000,000 (the ceiling of one amount).
                     * @default 0
                     */
                    openingBalance?: number;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    /** @description The `version` of the resource in the body, for If-Match. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        /** @enum {string} */
                        type: "checking" | "savings" | "credit" | "cash" | "investment" | "loan";
                        currency: string;
                        openingBalance: number;
                        /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                        balance: number | string;
                        otherCurrencies: {
                            currency: string;
                            /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                            amount: number | string;
                        }[];
                        archived: boolean;
                        version: number;
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description The Idempotency-Key was already used with another body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "accounts-get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    /** @description The `version` of the resource in the body, for If-Match. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        /** @enum {string} */
                        type: "checking" | "savings" | "credit" | "cash" | "investment" | "loan";
                        currency: string;
                        openingBalance: number;
                        /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                        balance: number | string;
                        otherCurrencies: {
                            currency: string;
                            /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                            amount: number | string;
                        }[];
                        archived: boolean;
                        version: number;
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "accounts-delete": {
        parameters: {
            query?: never;
            header: {
                /** @description The `version` (ETag) you read; without it 428, a stale one 412. */
                "If-Match": string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success, no content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match names a version that is no longer current; read the resource again */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description If-Match is missing */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "accounts-update": {
        parameters: {
            query?: never;
            header: {
                /** @description The `version` (ETag) you read; without it 428, a stale one 412. */
                "If-Match": string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    /** @enum {string} */
                    type?: "checking" | "savings" | "credit" | "cash" | "investment" | "loan";
                    /** @description Integer minor units, within ±10,000,000,000,000 (the ceiling of one amount). */
                    openingBalance?: number;
                    archived?: boolean;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    /** @description The `version` of the resource in the body, for If-Match. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        /** @enum {string} */
                        type: "checking" | "savings" | "credit" | "cash" | "investment" | "loan";
                        currency: string;
                        openingBalance: number;
                        /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                        balance: number | string;
                        otherCurrencies: {
                            currency: string;
                            /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                            amount: number | string;
                        }[];
                        archived: boolean;
                        version: number;
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match names a version that is no longer current; read the resource again */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description If-Match is missing */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "categories-list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            name: string;
                            /** @enum {string} */
                            kind: "income" | "expense";
                            parentId: string | null;
                            version: number;
                            createdAt: string;
                            updatedAt: string;
                        }[];
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "categories-create": {
        parameters: {
            query?: never;
            header?: {
                /** @description A retried request with the same key and body gets the first reply (same status and body) and changes nothing; the same key with another body gets 422 (24 h). */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @enum {string} */
                    kind: "income" | "expense";
                    parentId?: string | null;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    /** @description The `version` of the resource in the body, for If-Match. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        /** @enum {string} */
                        kind: "income" | "expense";
                        parentId: string | null;
                        version: number;
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description The Idempotency-Key was already used with another body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "categories-delete": {
        parameters: {
            query?: {
                reassignTo?: string;
            };
            header: {
                /** @description The `version` (ETag) you read; without it 428, a stale one 412. */
                "If-Match": string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success, no content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match names a version that is no longer current; read the resource again */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description If-Match is missing */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "categories-update": {
        parameters: {
            query?: never;
            header: {
                /** @description The `version` (ETag) you read; without it 428, a stale one 412. */
                "If-Match": string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    parentId?: string | null;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    /** @description The `version` of the resource in the body, for If-Match. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        /** @enum {string} */
                        kind: "income" | "expense";
                        parentId: string | null;
                        version: number;
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match names a version that is no longer current; read the resource again */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description If-Match is missing */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "transactions-list": {
        parameters: {
            query?: {
                from?: string;
                to?: string;
                type?: "expense" | "income" | "transfer";
                categoryId?: string;
                accountId?: string;
                tag?: string;
                q?: string;
                minAmount?: number;
                maxAmount?: number;
                /** @description Page size, 1 to 100 (default 50). */
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            /** @enum {string} */
                            type: "expense" | "income" | "transfer";
                            amount: number;
                            currency: string;
                            date: string;
                            description: string;
                            categoryId: string | null;
                            accountId: string | null;
                            toAccountId: string | null;
                            tags: string[];
                            notes: string | null;
                            splits: {
                                categoryId: string;
                                amount: number;
                            }[] | null;
                            baseAmount: number | null;
                            baseCurrency: string;
                            fxRate: string | null;
                            fxDate: string | null;
                            /** @enum {string} */
                            fxStatus: "converted" | "pending";
                            appliedRules: string[];
                            categorySource: ("user" | "rule" | "model" | "import") | null;
                            categoryConfidence: number | null;
                            importId: string | null;
                            version: number;
                            createdAt: string;
                            updatedAt: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "transactions-create-POST-transactions": {
        parameters: {
            query?: never;
            header?: {
                /** @description A retried request with the same key and body gets the first reply (same status and body) and changes nothing; the same key with another body gets 422 (24 h). */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    type: "expense" | "income" | "transfer";
                    /** @description Integer minor units, 1 to 10,000,000,000,000 (the ceiling of one amount). */
                    amount: number;
                    currency: string;
                    date: string;
                    description: string;
                    categoryId?: string | null;
                    accountId?: string | null;
                    toAccountId?: string | null;
                    tags?: string[];
                    notes?: string | null;
                    splits?: {
                        categoryId: string;
                        /** @description Integer minor units, within ±10,000,000,000,000 (the ceiling of one amount). */
                        amount: number;
                    }[] | null;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    /** @description The `version` of the resource in the body, for If-Match. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @enum {string} */
                        type: "expense" | "income" | "transfer";
                        amount: number;
                        currency: string;
                        date: string;
                        description: string;
                        categoryId: string | null;
                        accountId: string | null;
                        toAccountId: string | null;
                        tags: string[];
                        notes: string | null;
                        splits: {
                            categoryId: string;
                            amount: number;
                        }[] | null;
                        baseAmount: number | null;
                        baseCurrency: string;
                        fxRate: string | null;
                        fxDate: string | null;
                        /** @enum {string} */
                        fxStatus: "converted" | "pending";
                        appliedRules: string[];
                        categorySource: ("user" | "rule" | "model" | "import") | null;
                        categoryConfidence: number | null;
                        importId: string | null;
                        version: number;
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description The Idempotency-Key was already used with another body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "transactions-create-POST-transactions-add": {
        parameters: {
            query?: never;
            header?: {
                /** @description A retried request with the same key and body gets the first reply (same status and body) and changes nothing; the same key with another body gets 422 (24 h). */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    type: "expense" | "income" | "transfer";
                    /** @description Integer minor units, 1 to 10,000,000,000,000 (the ceiling of one amount). */
                    amount: number;
                    currency: string;
                    date: string;
                    description: string;
                    categoryId?: string | null;
                    accountId?: string | null;
                    toAccountId?: string | null;
                    tags?: string[];
                    notes?: string | null;
                    splits?: {
                        categoryId: string;
                        /** @description Integer minor units, within ±10,000,000,000,000 (the ceiling of one amount). */
                        amount: number;
                    }[] | null;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    /** @description The `version` of the resource in the body, for If-Match. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @enum {string} */
                        type: "expense" | "income" | "transfer";
                        amount: number;
                        currency: string;
                        date: string;
                        description: string;
                        categoryId: string | null;
                        accountId: string | null;
                        toAccountId: string | null;
                        tags: string[];
                        notes: string | null;
                        splits: {
                            categoryId: string;
                            amount: number;
                        }[] | null;
                        baseAmount: number | null;
                        baseCurrency: string;
                        fxRate: string | null;
                        fxDate: string | null;
                        /** @enum {string} */
                        fxStatus: "converted" | "pending";
                        appliedRules: string[];
                        categorySource: ("user" | "rule" | "model" | "import") | null;
                        categoryConfidence: number | null;
                        importId: string | null;
                        version: number;
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description The Idempotency-Key was already used with another body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "transactions-export": {
        parameters: {
            query?: {
                format?: "csv";
                from?: string;
                to?: string;
                accountId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": unknown;
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "transactions-get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    /** @description The `version` of the resource in the body, for If-Match. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @enum {string} */
                        type: "expense" | "income" | "transfer";
                        amount: number;
                        currency: string;
                        date: string;
                        description: string;
                        categoryId: string | null;
                        accountId: string | null;
                        toAccountId: string | null;
                        tags: string[];
                        notes: string | null;
                        splits: {
                            categoryId: string;
                            amount: number;
                        }[] | null;
                        baseAmount: number | null;
                        baseCurrency: string;
                        fxRate: string | null;
                        fxDate: string | null;
                        /** @enum {string} */
                        fxStatus: "converted" | "pending";
                        appliedRules: string[];
                        categorySource: ("user" | "rule" | "model" | "import") | null;
                        categoryConfidence: number | null;
                        importId: string | null;
                        version: number;
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "transactions-delete": {
        parameters: {
            query?: never;
            header: {
                /** @description The `version` (ETag) you read; without it 428, a stale one 412. */
                "If-Match": string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success, no content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match names a version that is no longer current; read the resource again */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description If-Match is missing */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "transactions-update": {
        parameters: {
            query?: never;
            header: {
                /** @description The `version` (ETag) you read; without it 428, a stale one 412. */
                "If-Match": string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    type?: "expense" | "income" | "transfer";
                    /** @description Integer minor units, 1 to 10,000,000,000,000 (the ceiling of one amount). */
                    amount?: number;
                    currency?: string;
                    date?: string;
                    description?: string;
                    categoryId?: string | null;
                    accountId?: string | null;
                    toAccountId?: string | null;
                    tags?: string[];
                    notes?: string | null;
                    splits?: {
                        categoryId: string;
                        /** @description Integer minor units, within ±10,000,000,000,000 (the ceiling of one amount). */
                        amount: number;
                    }[] | null;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    /** @description The `version` of the resource in the body, for If-Match. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @enum {string} */
                        type: "expense" | "income" | "transfer";
                        amount: number;
                        currency: string;
                        date: string;
                        description: string;
                        categoryId: string | null;
                        accountId: string | null;
                        toAccountId: string | null;
                        tags: string[];
                        notes: string | null;
                        splits: {
                            categoryId: string;
                            amount: number;
                        }[] | null;
                        baseAmount: number | null;
                        baseCurrency: string;
                        fxRate: string | null;
                        fxDate: string | null;
                        /** @enum {string} */
                        fxStatus: "converted" | "pending";
                        appliedRules: string[];
                        categorySource: ("user" | "rule" | "model" | "import") | null;
                        categoryConfidence: number | null;
                        importId: string | null;
                        version: number;
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match names a version that is no longer current; read the resource again */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description If-Match is missing */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "fx-get-rates": {
        parameters: {
            query: {
                date: string;
                base?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        date: string;
                        requestedDate: string;
                        base: string;
                        rates: {
                            [key: string]: string;
                        };
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "fx-put-rates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    date: string;
                    base: string;
                    rates: {
                        [key: string]: string;
                    };
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        date: string;
                        base: string;
                        rates: {
                            [key: string]: string;
                        };
                        count: number;
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Needs the permission `fx:write` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "imports-create": {
        parameters: {
            query?: never;
            header?: {
                /** @description A retried request with the same key and body gets the first reply (same status and body) and changes nothing; the same key with another body gets 422 (24 h). */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    accountId: string;
                    /** @enum {string} */
                    format: "csv" | "ofx" | "qif";
                    content: string;
                    mapping?: {
                        date: string | number;
                        amount: (string | number) | {
                            debit: string | number;
                            credit: string | number;
                        };
                        description: (string | number) | (string | number)[];
                        currency?: string | number;
                        direction?: string | number;
                        payee?: string | number;
                        memo?: string | number;
                        bankId?: string | number;
                        category?: string | number;
                        /** @enum {string} */
                        dateFormat?: "yyyy-mm-dd" | "yyyy/mm/dd" | "dd/mm/yyyy" | "dd.mm.yyyy" | "dd-mm-yyyy" | "mm/dd/yyyy" | "mm-dd-yyyy" | "dd/mm/yy" | "mm/dd/yy" | "dd.mm.yy" | "dmy" | "mdy" | "ymd";
                        /** @enum {string} */
                        decimalSeparator?: "." | ",";
                    };
                    /** @enum {string} */
                    delimiter?: "," | ";" | "\t" | "|";
                    /** @default false */
                    dryRun?: boolean;
                    currency?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        importId: string;
                        status: string;
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description The Idempotency-Key was already used with another body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "imports-get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        importId: string;
                        accountId: string;
                        format: string;
                        dryRun: boolean;
                        /** @enum {string} */
                        status: "queued" | "processing" | "completed" | "failed";
                        total: number;
                        processed: number;
                        imported: number;
                        /** @description Rows not written because they duplicate a transaction or an earlier row, with the reason: the first 1000, in row order. */
                        duplicates: {
                            row: number;
                            transactionId: string | null;
                            duplicateOfRow: number | null;
                            reason: string;
                            /** @description The transaction `transactionId` names, as the import saw it when it found the duplicate: its date, its amount signed as the account sees it (integer minor units of `currency`; negative = money out, like the file’s rows) and the first 120 characters of its description. Absent for a duplicate of an earlier row, and on reports written before it was added. */
                            matched?: {
                                date: string;
                                amount: number;
                                currency: string;
                                description: string;
                            };
                        }[];
                        /** @description How many rows were duplicates in all (may exceed the entries listed in `duplicates`). */
                        duplicateCount: number;
                        /** @description Rows that could not be read or recorded: the first 1000, in row order. */
                        errors: {
                            row: number;
                            message: string;
                        }[];
                        /** @description How many rows could not be read or recorded in all (may exceed the entries listed in `errors`). */
                        errorCount: number;
                        /** @description Fields of rows cut at parse time to what the ledger keeps (description and payee 500 characters, memo 2000, category 100, bank id 255, at most 100 splits of 200-character texts): the first 1000, in row order. `field` is description, payee, memo, category, bankId, splits, splits.category or splits.memo. */
                        truncated: {
                            row: number;
                            field: string;
                        }[];
                        /** @description How many fields were cut in all (may exceed the entries listed in `truncated`). */
                        truncatedCount: number;
                        createdAt: string;
                        updatedAt: string;
                        completedAt: string | null;
                        failure?: string;
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "rules-list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            name: string;
                            priority: number;
                            enabled: boolean;
                            conditions: {
                                descriptionContains?: string;
                                descriptionRegex?: string;
                                /** @description Integer minor units, 0 to 10,000,000,000,000 (the ceiling of one amount). */
                                amountMin?: number;
                                /** @description Integer minor units, 0 to 10,000,000,000,000 (the ceiling of one amount). */
                                amountMax?: number;
                                accountId?: string;
                                currency?: string;
                                /** @enum {string} */
                                type?: "expense" | "income" | "transfer";
                            };
                            actions: {
                                categoryId?: string;
                                tags?: string[];
                            };
                            version: number;
                            createdAt: string;
                            updatedAt: string;
                        }[];
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "rules-create": {
        parameters: {
            query?: never;
            header?: {
                /** @description A retried request with the same key and body gets the first reply (same status and body) and changes nothing; the same key with another body gets 422 (24 h). */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @default 100 */
                    priority?: number;
                    /** @default true */
                    enabled?: boolean;
                    conditions: {
                        descriptionContains?: string;
                        descriptionRegex?: string;
                        /** @description Integer minor units, 0 to 10,000,000,000,000 (the ceiling of one amount). */
                        amountMin?: number;
                        /** @description Integer minor units, 0 to 10,000,000,000,000 (the ceiling of one amount). */
                        amountMax?: number;
                        accountId?: string;
                        currency?: string;
                        /** @enum {string} */
                        type?: "expense" | "income" | "transfer";
                    };
                    actions: {
                        categoryId?: string;
                        tags?: string[];
                    };
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    /** @description The `version` of the resource in the body, for If-Match. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        priority: number;
                        enabled: boolean;
                        conditions: {
                            descriptionContains?: string;
                            descriptionRegex?: string;
                            /** @description Integer minor units, 0 to 10,000,000,000,000 (the ceiling of one amount). */
                            amountMin?: number;
                            /** @description Integer minor units, 0 to 10,000,000,000,000 (the ceiling of one amount). */
                            amountMax?: number;
                            accountId?: string;
                            currency?: string;
                            /** @enum {string} */
                            type?: "expense" | "income" | "transfer";
                        };
                        actions: {
                            categoryId?: string;
                            tags?: string[];
                        };
                        version: number;
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description The Idempotency-Key was already used with another body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "rules-delete": {
        parameters: {
            query?: never;
            header: {
                /** @description The `version` (ETag) you read; without it 428, a stale one 412. */
                "If-Match": string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success, no content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match names a version that is no longer current; read the resource again */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description If-Match is missing */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "rules-update": {
        parameters: {
            query?: never;
            header: {
                /** @description The `version` (ETag) you read; without it 428, a stale one 412. */
                "If-Match": string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    priority?: number;
                    enabled?: boolean;
                    conditions?: {
                        descriptionContains?: string;
                        descriptionRegex?: string;
                        /** @description Integer minor units, 0 to 10,000,000,000,000 (the ceiling of one amount). */
                        amountMin?: number;
                        /** @description Integer minor units, 0 to 10,000,000,000,000 (the ceiling of one amount). */
                        amountMax?: number;
                        accountId?: string;
                        currency?: string;
                        /** @enum {string} */
                        type?: "expense" | "income" | "transfer";
                    };
                    actions?: {
                        categoryId?: string;
                        tags?: string[];
                    };
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    /** @description The `version` of the resource in the body, for If-Match. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        priority: number;
                        enabled: boolean;
                        conditions: {
                            descriptionContains?: string;
                            descriptionRegex?: string;
                            /** @description Integer minor units, 0 to 10,000,000,000,000 (the ceiling of one amount). */
                            amountMin?: number;
                            /** @description Integer minor units, 0 to 10,000,000,000,000 (the ceiling of one amount). */
                            amountMax?: number;
                            accountId?: string;
                            currency?: string;
                            /** @enum {string} */
                            type?: "expense" | "income" | "transfer";
                        };
                        actions: {
                            categoryId?: string;
                            tags?: string[];
                        };
                        version: number;
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match names a version that is no longer current; read the resource again */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description If-Match is missing */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "rules-preview": {
        parameters: {
            query?: {
                /** @description Page size, 1 to 500 (default 100). */
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ruleId: string;
                        examined: number;
                        matches: {
                            transactionId: string;
                            date: string;
                            description: string;
                            changes: {
                                categoryId?: {
                                    from: string | null;
                                    to: string;
                                };
                                tags?: {
                                    from: string[];
                                    to: string[];
                                };
                            };
                        }[];
                        truncated: boolean;
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "rules-preview-draft": {
        parameters: {
            query?: {
                /** @description Page size, 1 to 500 (default 100). */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    priority?: number;
                    enabled?: boolean;
                    conditions: {
                        descriptionContains?: string;
                        descriptionRegex?: string;
                        /** @description Integer minor units, 0 to 10,000,000,000,000 (the ceiling of one amount). */
                        amountMin?: number;
                        /** @description Integer minor units, 0 to 10,000,000,000,000 (the ceiling of one amount). */
                        amountMax?: number;
                        accountId?: string;
                        currency?: string;
                        /** @enum {string} */
                        type?: "expense" | "income" | "transfer";
                    };
                    actions: {
                        categoryId?: string;
                        tags?: string[];
                    };
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ruleId: null;
                        examined: number;
                        matches: {
                            transactionId: string;
                            date: string;
                            description: string;
                            changes: {
                                categoryId?: {
                                    from: string | null;
                                    to: string;
                                };
                                tags?: {
                                    from: string[];
                                    to: string[];
                                };
                            };
                        }[];
                        truncated: boolean;
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "goals-list": {
        parameters: {
            query?: {
                /** @description The day to compute progress for (YYYY-MM-DD); default today in your time zone. */
                asOf?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            name: string;
                            targetAmount: number;
                            currency: string;
                            targetDate: string | null;
                            accountId: string | null;
                            startAmount: number;
                            contributionCount: number;
                            recentContributions: {
                                id: string;
                                amount: number;
                                date: string;
                                note: string | null;
                                createdAt: string;
                            }[];
                            version: number;
                            createdAt: string;
                            updatedAt: string;
                            asOf: string;
                            /** @enum {string} */
                            savedFrom: "account" | "contributions";
                            /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                            saved: number | string;
                            /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                            remaining: number | string;
                            percent: number;
                            requiredMonthly: (number | string) | null;
                            averageMonthly: (number | string) | null;
                            projectedCompletion: string | null;
                            /** @enum {string} */
                            status: "on_track" | "at_risk" | "off_track" | "reached";
                            feasibility: {
                                probability: number | null;
                                /** @enum {string} */
                                method: "bootstrap" | "normal-approximation" | "deterministic" | "none";
                                basis: {
                                    source: string;
                                    months: string[];
                                    count: number;
                                    figures: (number | string)[];
                                    monthsLeft: number | null;
                                    /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                                    remaining: number | string;
                                    draws: number | null;
                                    seed: number | null;
                                    reason: string | null;
                                };
                            };
                            suggestion: {
                                monthlyGap: number;
                                totalCut: number;
                                closesGap: boolean;
                                shortfall: number;
                                percentOfDiscretionary: number;
                                months: string[];
                                cuts: {
                                    categoryId: string;
                                    median: number;
                                    cut: number;
                                    newMonthly: number;
                                }[];
                            } | null;
                        }[];
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "goals-create": {
        parameters: {
            query?: never;
            header?: {
                /** @description A retried request with the same key and body gets the first reply (same status and body) and changes nothing; the same key with another body gets 422 (24 h). */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @description Integer minor units, 1 to 10,000,000,000,000 (the ceiling of one amount). */
                    targetAmount: number;
                    currency?: string;
                    targetDate?: string;
                    accountId?: string;
                    /** @description Integer minor units, 0 to 10,000,000,000,000 (the ceiling of one amount). */
                    startAmount?: number;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    /** @description The `version` of the resource in the body, for If-Match. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        targetAmount: number;
                        currency: string;
                        targetDate: string | null;
                        accountId: string | null;
                        startAmount: number;
                        contributionCount: number;
                        recentContributions: {
                            id: string;
                            amount: number;
                            date: string;
                            note: string | null;
                            createdAt: string;
                        }[];
                        version: number;
                        createdAt: string;
                        updatedAt: string;
                        asOf: string;
                        /** @enum {string} */
                        savedFrom: "account" | "contributions";
                        /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                        saved: number | string;
                        /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                        remaining: number | string;
                        percent: number;
                        requiredMonthly: (number | string) | null;
                        averageMonthly: (number | string) | null;
                        projectedCompletion: string | null;
                        /** @enum {string} */
                        status: "on_track" | "at_risk" | "off_track" | "reached";
                        feasibility: {
                            probability: number | null;
                            /** @enum {string} */
                            method: "bootstrap" | "normal-approximation" | "deterministic" | "none";
                            basis: {
                                source: string;
                                months: string[];
                                count: number;
                                figures: (number | string)[];
                                monthsLeft: number | null;
                                /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                                remaining: number | string;
                                draws: number | null;
                                seed: number | null;
                                reason: string | null;
                            };
                        };
                        suggestion: {
                            monthlyGap: number;
                            totalCut: number;
                            closesGap: boolean;
                            shortfall: number;
                            percentOfDiscretionary: number;
                            months: string[];
                            cuts: {
                                categoryId: string;
                                median: number;
                                cut: number;
                                newMonthly: number;
                            }[];
                        } | null;
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description The Idempotency-Key was already used with another body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "goals-get": {
        parameters: {
            query?: {
                /** @description The day to compute progress for (YYYY-MM-DD); default today in your time zone. */
                asOf?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    /** @description The `version` of the resource in the body, for If-Match. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        targetAmount: number;
                        currency: string;
                        targetDate: string | null;
                        accountId: string | null;
                        startAmount: number;
                        contributionCount: number;
                        recentContributions: {
                            id: string;
                            amount: number;
                            date: string;
                            note: string | null;
                            createdAt: string;
                        }[];
                        version: number;
                        createdAt: string;
                        updatedAt: string;
                        asOf: string;
                        /** @enum {string} */
                        savedFrom: "account" | "contributions";
                        /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                        saved: number | string;
                        /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                        remaining: number | string;
                        percent: number;
                        requiredMonthly: (number | string) | null;
                        averageMonthly: (number | string) | null;
                        projectedCompletion: string | null;
                        /** @enum {string} */
                        status: "on_track" | "at_risk" | "off_track" | "reached";
                        feasibility: {
                            probability: number | null;
                            /** @enum {string} */
                            method: "bootstrap" | "normal-approximation" | "deterministic" | "none";
                            basis: {
                                source: string;
                                months: string[];
                                count: number;
                                figures: (number | string)[];
                                monthsLeft: number | null;
                                /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                                remaining: number | string;
                                draws: number | null;
                                seed: number | null;
                                reason: string | null;
                            };
                        };
                        suggestion: {
                            monthlyGap: number;
                            totalCut: number;
                            closesGap: boolean;
                            shortfall: number;
                            percentOfDiscretionary: number;
                            months: string[];
                            cuts: {
                                categoryId: string;
                                median: number;
                                cut: number;
                                newMonthly: number;
                            }[];
                        } | null;
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "goals-delete": {
        parameters: {
            query?: never;
            header: {
                /** @description The `version` (ETag) you read; without it 428, a stale one 412. */
                "If-Match": string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success, no content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match names a version that is no longer current; read the resource again */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description If-Match is missing */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "goals-update": {
        parameters: {
            query?: never;
            header: {
                /** @description The `version` (ETag) you read; without it 428, a stale one 412. */
                "If-Match": string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    /** @description Integer minor units, 1 to 10,000,000,000,000 (the ceiling of one amount). */
                    targetAmount?: number;
                    currency?: string;
                    targetDate?: string | null;
                    accountId?: string | null;
                    /** @description Integer minor units, 0 to 10,000,000,000,000 (the ceiling of one amount). */
                    startAmount?: number;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    /** @description The `version` of the resource in the body, for If-Match. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        targetAmount: number;
                        currency: string;
                        targetDate: string | null;
                        accountId: string | null;
                        startAmount: number;
                        contributionCount: number;
                        recentContributions: {
                            id: string;
                            amount: number;
                            date: string;
                            note: string | null;
                            createdAt: string;
                        }[];
                        version: number;
                        createdAt: string;
                        updatedAt: string;
                        asOf: string;
                        /** @enum {string} */
                        savedFrom: "account" | "contributions";
                        /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                        saved: number | string;
                        /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                        remaining: number | string;
                        percent: number;
                        requiredMonthly: (number | string) | null;
                        averageMonthly: (number | string) | null;
                        projectedCompletion: string | null;
                        /** @enum {string} */
                        status: "on_track" | "at_risk" | "off_track" | "reached";
                        feasibility: {
                            probability: number | null;
                            /** @enum {string} */
                            method: "bootstrap" | "normal-approximation" | "deterministic" | "none";
                            basis: {
                                source: string;
                                months: string[];
                                count: number;
                                figures: (number | string)[];
                                monthsLeft: number | null;
                                /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                                remaining: number | string;
                                draws: number | null;
                                seed: number | null;
                                reason: string | null;
                            };
                        };
                        suggestion: {
                            monthlyGap: number;
                            totalCut: number;
                            closesGap: boolean;
                            shortfall: number;
                            percentOfDiscretionary: number;
                            months: string[];
                            cuts: {
                                categoryId: string;
                                median: number;
                                cut: number;
                                newMonthly: number;
                            }[];
                        } | null;
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match names a version that is no longer current; read the resource again */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description If-Match is missing */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "goals-contribute": {
        parameters: {
            query?: never;
            header?: {
                /** @description A retried request with the same key and body gets the first reply (same status and body) and changes nothing; the same key with another body gets 422 (24 h). */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Integer minor units, within ±10,000,000,000,000 (the ceiling of one amount). */
                    amount: number;
                    date: string;
                    note?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        contribution: {
                            id: string;
                            amount: number;
                            date: string;
                            note: string | null;
                            createdAt: string;
                        };
                        goal: {
                            id: string;
                            name: string;
                            targetAmount: number;
                            currency: string;
                            targetDate: string | null;
                            accountId: string | null;
                            startAmount: number;
                            contributionCount: number;
                            recentContributions: {
                                id: string;
                                amount: number;
                                date: string;
                                note: string | null;
                                createdAt: string;
                            }[];
                            version: number;
                            createdAt: string;
                            updatedAt: string;
                            asOf: string;
                            /** @enum {string} */
                            savedFrom: "account" | "contributions";
                            /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                            saved: number | string;
                            /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                            remaining: number | string;
                            percent: number;
                            requiredMonthly: (number | string) | null;
                            averageMonthly: (number | string) | null;
                            projectedCompletion: string | null;
                            /** @enum {string} */
                            status: "on_track" | "at_risk" | "off_track" | "reached";
                            feasibility: {
                                probability: number | null;
                                /** @enum {string} */
                                method: "bootstrap" | "normal-approximation" | "deterministic" | "none";
                                basis: {
                                    source: string;
                                    months: string[];
                                    count: number;
                                    figures: (number | string)[];
                                    monthsLeft: number | null;
                                    /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                                    remaining: number | string;
                                    draws: number | null;
                                    seed: number | null;
                                    reason: string | null;
                                };
                            };
                            suggestion: {
                                monthlyGap: number;
                                totalCut: number;
                                closesGap: boolean;
                                shortfall: number;
                                percentOfDiscretionary: number;
                                months: string[];
                                cuts: {
                                    categoryId: string;
                                    median: number;
                                    cut: number;
                                    newMonthly: number;
                                }[];
                            } | null;
                        };
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description The Idempotency-Key was already used with another body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "budgets-list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            name: string;
                            categoryId: string | null;
                            /** @enum {string} */
                            period: "monthly" | "weekly" | "yearly";
                            amount: number;
                            /** @enum {string} */
                            rollover: "none" | "positive" | "full";
                            thresholds: number[];
                            startDate: string | null;
                            version: number;
                            createdAt: string;
                            updatedAt: string;
                        }[];
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "budgets-create": {
        parameters: {
            query?: never;
            header?: {
                /** @description A retried request with the same key and body gets the first reply (same status and body) and changes nothing; the same key with another body gets 422 (24 h). */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @default null */
                    categoryId?: string | null;
                    /** @enum {string} */
                    period: "monthly" | "weekly" | "yearly";
                    /** @description Integer minor units, 1 to 10,000,000,000,000 (the ceiling of one amount). */
                    amount: number;
                    /**
                     * @default none
                     * @enum {string}
                     */
                    rollover?: "none" | "positive" | "full";
                    /** @description Percent of the available amount an alert fires at; stored ascending without duplicates. Default [50, 80, 100]. */
                    thresholds?: number[];
                    startDate?: string | null;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    /** @description The `version` of the resource in the body, for If-Match. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        categoryId: string | null;
                        /** @enum {string} */
                        period: "monthly" | "weekly" | "yearly";
                        amount: number;
                        /** @enum {string} */
                        rollover: "none" | "positive" | "full";
                        thresholds: number[];
                        startDate: string | null;
                        version: number;
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description The Idempotency-Key was already used with another body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "budgets-status": {
        parameters: {
            query?: {
                date?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        date: string;
                        items: {
                            budgetId: string;
                            name: string;
                            period: {
                                from: string;
                                to: string;
                            };
                            /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                            limit: number | string;
                            /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                            carriedOver: number | string;
                            /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                            available: number | string;
                            /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                            spent: number | string;
                            /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                            remaining: number | string;
                            percentUsed: number | null;
                            /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                            expectedByNow: number | string;
                            /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                            projected: number | string;
                            /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                            projectedOverspend: number | string;
                            /** @enum {string} */
                            status: "on_track" | "at_risk" | "over";
                            pace: {
                                /** @enum {string} */
                                method: "pattern" | "linear";
                                periods: number;
                                share: number;
                            };
                            pendingFx: {
                                count: number;
                                byCurrency: {
                                    [key: string]: number | string;
                                };
                            };
                            asOf: string | null;
                        }[];
                        method: string;
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "budgets-get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    /** @description The `version` of the resource in the body, for If-Match. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        categoryId: string | null;
                        /** @enum {string} */
                        period: "monthly" | "weekly" | "yearly";
                        amount: number;
                        /** @enum {string} */
                        rollover: "none" | "positive" | "full";
                        thresholds: number[];
                        startDate: string | null;
                        version: number;
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "budgets-delete": {
        parameters: {
            query?: never;
            header: {
                /** @description The `version` (ETag) you read; without it 428, a stale one 412. */
                "If-Match": string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success, no content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match names a version that is no longer current; read the resource again */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description If-Match is missing */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "budgets-update": {
        parameters: {
            query?: never;
            header: {
                /** @description The `version` (ETag) you read; without it 428, a stale one 412. */
                "If-Match": string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    categoryId?: string | null;
                    /** @enum {string} */
                    period?: "monthly" | "weekly" | "yearly";
                    /** @description Integer minor units, 1 to 10,000,000,000,000 (the ceiling of one amount). */
                    amount?: number;
                    /** @enum {string} */
                    rollover?: "none" | "positive" | "full";
                    /** @description Percent of the available amount an alert fires at; stored ascending without duplicates. Default [50, 80, 100]. */
                    thresholds?: number[];
                    startDate?: string | null;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    /** @description The `version` of the resource in the body, for If-Match. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        categoryId: string | null;
                        /** @enum {string} */
                        period: "monthly" | "weekly" | "yearly";
                        amount: number;
                        /** @enum {string} */
                        rollover: "none" | "positive" | "full";
                        thresholds: number[];
                        startDate: string | null;
                        version: number;
                        createdAt: string;
                        updatedAt: string;
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match names a version that is no longer current; read the resource again */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description If-Match is missing */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "recurring-list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            merchant: string;
                            /** @enum {string} */
                            type: "expense" | "income";
                            categoryId: string | null;
                            /** @enum {string} */
                            period: "weekly" | "fortnightly" | "monthly" | "quarterly" | "yearly";
                            averageAmount: number;
                            lastAmount: number;
                            currency: string;
                            lastDate: string;
                            nextExpectedDate: string;
                            confidence: number;
                            transactionIds: string[];
                            priceChange?: {
                                from: number;
                                to: number;
                                since: string;
                            };
                            lapsed: boolean;
                            /** @enum {string} */
                            status: "detected" | "confirmed" | "ignored";
                            version: number;
                        }[];
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "recurring-update": {
        parameters: {
            query?: never;
            header: {
                /** @description The `version` (ETag) you read; without it 428, a stale one 412. */
                "If-Match": string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    status: "confirmed" | "ignored";
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    /** @description The `version` of the resource in the body, for If-Match. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        merchant: string;
                        /** @enum {string} */
                        type: "expense" | "income";
                        categoryId: string | null;
                        /** @enum {string} */
                        period: "weekly" | "fortnightly" | "monthly" | "quarterly" | "yearly";
                        averageAmount: number;
                        lastAmount: number;
                        currency: string;
                        lastDate: string;
                        nextExpectedDate: string;
                        confidence: number;
                        transactionIds: string[];
                        priceChange?: {
                            from: number;
                            to: number;
                            since: string;
                        };
                        lapsed: boolean;
                        /** @enum {string} */
                        status: "detected" | "confirmed" | "ignored";
                        version: number;
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match names a version that is no longer current; read the resource again */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description If-Match is missing */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "forecast-get": {
        parameters: {
            query?: {
                months?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        currency: string;
                        /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                        startingBalance: number | string;
                        asOf: string;
                        method: {
                            /** @enum {string} */
                            name: "recurring-plus-bootstrap" | "bootstrap";
                            description: string;
                            seed: number;
                            draws: number;
                            historyMonths: number;
                            history: string[];
                            recurringItems: number;
                            excluded: {
                                /** @enum {string} */
                                kind: "account" | "recurring";
                                id: string;
                                currency: string;
                                reason: string;
                            }[];
                        };
                        months: {
                            month: string;
                            share: number;
                            /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                            income: number | string;
                            /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                            expenses: number | string;
                            /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                            net: number | string;
                            /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                            recurringIncome: number | string;
                            /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                            recurringExpenses: number | string;
                            balance: {
                                /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                                p10: number | string;
                                /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                                p50: number | string;
                                /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                                p90: number | string;
                            };
                        }[];
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "reports-health": {
        parameters: {
            query?: {
                month?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        month: string;
                        baseCurrency: string;
                        score: number | null;
                        components: {
                            /** @enum {string} */
                            key: "savings_rate" | "emergency_fund" | "budget_adherence" | "spending_stability" | "recurring_burden" | "goal_progress";
                            value: number;
                            target: number;
                            points: number;
                            maxPoints: number;
                            explanation: string;
                        }[];
                        change: {
                            previousScore: number;
                            delta: number;
                        } | null;
                        adviceIds: string[];
                        method: string;
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "reports-monthly": {
        parameters: {
            query?: {
                month?: string;
                format?: "json" | "html";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success, no content */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "reports-unsubscribe-page": {
        parameters: {
            query: {
                token: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": unknown;
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "reports-unsubscribe": {
        parameters: {
            query: {
                token: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success, no content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "analytics-summary": {
        parameters: {
            query?: {
                month?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        month: string;
                        baseCurrency: string;
                        /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                        income: number | string;
                        /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                        expenses: number | string;
                        /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                        net: number | string;
                        savingsRate: number | null;
                        transactionCount: number;
                        byCategory: ({
                            categoryId: string;
                            name: string;
                            parentId: string | null;
                            /** @enum {string} */
                            kind: "income" | "expense";
                            /** @enum {string} */
                            level: "parent" | "child";
                            /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                            amount: number | string;
                            share: number | null;
                            /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                            previousMonthAmount: number | string;
                            /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                            change: number | string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        topMerchants: {
                            merchant: string;
                            /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                            amount: number | string;
                            count: number;
                        }[];
                        pendingFx: {
                            count: number;
                        } & {
                            [key: string]: unknown;
                        };
                        asOf: string | null;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "analytics-trends": {
        parameters: {
            query: {
                from: string;
                to: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        baseCurrency: string;
                        series: ({
                            month: string;
                            /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                            income: number | string;
                            /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                            expenses: number | string;
                            /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                            net: number | string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        byCategory: ({
                            categoryId: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "analytics-categories": {
        parameters: {
            query: {
                from: string;
                to: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        baseCurrency: string;
                        from: string;
                        to: string;
                        /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                        income: number | string;
                        /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                        expenses: number | string;
                        /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                        net: number | string;
                        byCategory: ({
                            categoryId: string;
                            name: string;
                            parentId: string | null;
                            /** @enum {string} */
                            kind: "income" | "expense";
                            /** @enum {string} */
                            level: "parent" | "child";
                            /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                            amount: number | string;
                            share: number | null;
                        } & {
                            [key: string]: unknown;
                        })[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "analytics-cashflow": {
        parameters: {
            query?: {
                months?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        baseCurrency: string;
                        items: {
                            month: string;
                            /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                            income: number | string;
                            /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                            expenses: number | string;
                            /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                            net: number | string;
                            /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                            cumulative: number | string;
                        }[];
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "dashboard-get": {
        parameters: {
            query?: {
                month?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        month: string;
                        me: {
                            userId: string;
                            email: string;
                            name: string | null;
                            baseCurrency: string;
                            monthlyIncome: {
                                amount: number;
                                currency: string;
                            } | null;
                            timezone: string;
                            /** @enum {string} */
                            reports: "weekly" | "monthly" | "both" | "off";
                            roles: string[];
                            createdAt: string;
                            updatedAt: string;
                        };
                        accounts: {
                            items: {
                                id: string;
                                name: string;
                                /** @enum {string} */
                                type: "checking" | "savings" | "credit" | "cash" | "investment" | "loan";
                                currency: string;
                                openingBalance: number;
                                /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                                balance: number | string;
                                otherCurrencies: {
                                    currency: string;
                                    /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                                    amount: number | string;
                                }[];
                                archived: boolean;
                                version: number;
                                createdAt: string;
                                updatedAt: string;
                            }[];
                        } | null;
                        budgets: {
                            date: string;
                            items: {
                                budgetId: string;
                                name: string;
                                period: {
                                    from: string;
                                    to: string;
                                };
                                /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                                limit: number | string;
                                /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                                carriedOver: number | string;
                                /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                                available: number | string;
                                /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                                spent: number | string;
                                /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                                remaining: number | string;
                                percentUsed: number | null;
                                /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                                expectedByNow: number | string;
                                /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                                projected: number | string;
                                /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                                projectedOverspend: number | string;
                                /** @enum {string} */
                                status: "on_track" | "at_risk" | "over";
                                pace: {
                                    /** @enum {string} */
                                    method: "pattern" | "linear";
                                    periods: number;
                                    share: number;
                                };
                                pendingFx: {
                                    count: number;
                                    byCurrency: {
                                        [key: string]: number | string;
                                    };
                                };
                                asOf: string | null;
                            }[];
                            method: string;
                        } | null;
                        goals: {
                            items: {
                                id: string;
                                name: string;
                                targetAmount: number;
                                currency: string;
                                targetDate: string | null;
                                accountId: string | null;
                                startAmount: number;
                                contributionCount: number;
                                recentContributions: {
                                    id: string;
                                    amount: number;
                                    date: string;
                                    note: string | null;
                                    createdAt: string;
                                }[];
                                version: number;
                                createdAt: string;
                                updatedAt: string;
                                asOf: string;
                                /** @enum {string} */
                                savedFrom: "account" | "contributions";
                                /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                                saved: number | string;
                                /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                                remaining: number | string;
                                percent: number;
                                requiredMonthly: (number | string) | null;
                                averageMonthly: (number | string) | null;
                                projectedCompletion: string | null;
                                /** @enum {string} */
                                status: "on_track" | "at_risk" | "off_track" | "reached";
                                feasibility: {
                                    probability: number | null;
                                    /** @enum {string} */
                                    method: "bootstrap" | "normal-approximation" | "deterministic" | "none";
                                    basis: {
                                        source: string;
                                        months: string[];
                                        count: number;
                                        figures: (number | string)[];
                                        monthsLeft: number | null;
                                        /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                                        remaining: number | string;
                                        draws: number | null;
                                        seed: number | null;
                                        reason: string | null;
                                    };
                                };
                                suggestion: {
                                    monthlyGap: number;
                                    totalCut: number;
                                    closesGap: boolean;
                                    shortfall: number;
                                    percentOfDiscretionary: number;
                                    months: string[];
                                    cuts: {
                                        categoryId: string;
                                        median: number;
                                        cut: number;
                                        newMonthly: number;
                                    }[];
                                } | null;
                            }[];
                        } | null;
                        alerts: {
                            items: {
                                id: string;
                                /** @enum {string} */
                                kind: "budget.threshold" | "budget.pace" | "transaction.unusual" | "goal.reached" | "goal.off_track" | "recurring.price_rise" | "health.drop";
                                /** @enum {string} */
                                severity: "info" | "warning" | "critical";
                                title: string;
                                message: string;
                                evidence: {
                                    [key: string]: unknown;
                                };
                                budgetId?: string;
                                goalId?: string;
                                transactionId?: string;
                                createdAt: string;
                                readAt: string | null;
                            }[];
                            nextCursor: string | null;
                        } | null;
                        advice: {
                            items: {
                                id: string;
                                /** @enum {string} */
                                kind: "category.above_baseline" | "subscriptions.total" | "subscriptions.price_rise" | "subscriptions.unused" | "savings.rate" | "budgets.suggested" | "goal.funding" | "emergency.fund" | "fx.effect";
                                title: string;
                                message: string;
                                impact: {
                                    monthly: number;
                                    currency: string;
                                };
                                evidence: {
                                    window: {
                                        from: string;
                                        to: string;
                                    };
                                    baseline: number;
                                    observed: number;
                                    threshold: number;
                                    transactionIds: string[];
                                    method: string;
                                    modelVersion: string;
                                    details?: {
                                        [key: string]: unknown;
                                    };
                                };
                                action?: {
                                    budgets: {
                                        categoryId: string;
                                        amount: number;
                                    }[];
                                };
                                createdAt: string;
                                updatedAt: string;
                                /** @enum {string} */
                                status: "open" | "dismissed" | "applied";
                                useful: boolean | null;
                                appliedBudgetIds?: string[];
                            }[];
                        } | null;
                        forecast: {
                            currency: string;
                            /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                            startingBalance: number | string;
                            asOf: string;
                            method: {
                                /** @enum {string} */
                                name: "recurring-plus-bootstrap" | "bootstrap";
                                description: string;
                                seed: number;
                                draws: number;
                                historyMonths: number;
                                history: string[];
                                recurringItems: number;
                                excluded: {
                                    /** @enum {string} */
                                    kind: "account" | "recurring";
                                    id: string;
                                    currency: string;
                                    reason: string;
                                }[];
                            };
                            months: {
                                month: string;
                                share: number;
                                /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                                income: number | string;
                                /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                                expenses: number | string;
                                /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                                net: number | string;
                                /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                                recurringIncome: number | string;
                                /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                                recurringExpenses: number | string;
                                balance: {
                                    /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                                    p10: number | string;
                                    /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                                    p50: number | string;
                                    /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                                    p90: number | string;
                                };
                            }[];
                        } | null;
                        summary: ({
                            month: string;
                            baseCurrency: string;
                            /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                            income: number | string;
                            /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                            expenses: number | string;
                            /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                            net: number | string;
                            savingsRate: number | null;
                            transactionCount: number;
                            byCategory: ({
                                categoryId: string;
                                name: string;
                                parentId: string | null;
                                /** @enum {string} */
                                kind: "income" | "expense";
                                /** @enum {string} */
                                level: "parent" | "child";
                                /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                                amount: number | string;
                                share: number | null;
                                /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                                previousMonthAmount: number | string;
                                /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                                change: number | string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            topMerchants: {
                                merchant: string;
                                /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                                amount: number | string;
                                count: number;
                            }[];
                            pendingFx: {
                                count: number;
                            } & {
                                [key: string]: unknown;
                            };
                            asOf: string | null;
                        } & {
                            [key: string]: unknown;
                        }) | null;
                        trends: ({
                            baseCurrency: string;
                            series: ({
                                month: string;
                                /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                                income: number | string;
                                /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                                expenses: number | string;
                                /** @description Integer minor units, exact: a number within ±9007199254740991, else a string of the exact digits (sums of many amounts near the ceiling). */
                                net: number | string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            byCategory: ({
                                categoryId: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        }) | null;
                        health: {
                            month: string;
                            baseCurrency: string;
                            score: number | null;
                            components: {
                                /** @enum {string} */
                                key: "savings_rate" | "emergency_fund" | "budget_adherence" | "spending_stability" | "recurring_burden" | "goal_progress";
                                value: number;
                                target: number;
                                points: number;
                                maxPoints: number;
                                explanation: string;
                            }[];
                            change: {
                                previousScore: number;
                                delta: number;
                            } | null;
                            adviceIds: string[];
                            method: string;
                        } | null;
                        problems: ({
                            /** @enum {string} */
                            section: "accounts" | "budgets" | "goals" | "alerts" | "advice" | "forecast" | "summary" | "trends" | "health";
                            type: string;
                            title: string;
                            status: number;
                            detail: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "alerts-list": {
        parameters: {
            query?: {
                unread?: "true" | "false";
                /** @description Page size, 1 to 100 (default 50). */
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            /** @enum {string} */
                            kind: "budget.threshold" | "budget.pace" | "transaction.unusual" | "goal.reached" | "goal.off_track" | "recurring.price_rise" | "health.drop";
                            /** @enum {string} */
                            severity: "info" | "warning" | "critical";
                            title: string;
                            message: string;
                            evidence: {
                                [key: string]: unknown;
                            };
                            budgetId?: string;
                            goalId?: string;
                            transactionId?: string;
                            createdAt: string;
                            readAt: string | null;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "alerts-read": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @enum {string} */
                        kind: "budget.threshold" | "budget.pace" | "transaction.unusual" | "goal.reached" | "goal.off_track" | "recurring.price_rise" | "health.drop";
                        /** @enum {string} */
                        severity: "info" | "warning" | "critical";
                        title: string;
                        message: string;
                        evidence: {
                            [key: string]: unknown;
                        };
                        budgetId?: string;
                        goalId?: string;
                        transactionId?: string;
                        createdAt: string;
                        readAt: string | null;
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "alerts-read-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        marked: number;
                        more: boolean;
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "alerts-get-preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        kinds: {
                            "budget.threshold": {
                                enabled: boolean;
                                /** @enum {string} */
                                email: "off" | "immediate" | "daily";
                            };
                            "budget.pace": {
                                enabled: boolean;
                                /** @enum {string} */
                                email: "off" | "immediate" | "daily";
                            };
                            "transaction.unusual": {
                                enabled: boolean;
                                /** @enum {string} */
                                email: "off" | "immediate" | "daily";
                            };
                            "goal.reached": {
                                enabled: boolean;
                                /** @enum {string} */
                                email: "off" | "immediate" | "daily";
                            };
                            "goal.off_track": {
                                enabled: boolean;
                                /** @enum {string} */
                                email: "off" | "immediate" | "daily";
                            };
                            "recurring.price_rise": {
                                enabled: boolean;
                                /** @enum {string} */
                                email: "off" | "immediate" | "daily";
                            };
                            "health.drop": {
                                enabled: boolean;
                                /** @enum {string} */
                                email: "off" | "immediate" | "daily";
                            };
                        };
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "alerts-put-preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    kinds: {
                        "budget.threshold"?: {
                            enabled?: boolean;
                            /** @enum {string} */
                            email?: "off" | "immediate" | "daily";
                        };
                        "budget.pace"?: {
                            enabled?: boolean;
                            /** @enum {string} */
                            email?: "off" | "immediate" | "daily";
                        };
                        "transaction.unusual"?: {
                            enabled?: boolean;
                            /** @enum {string} */
                            email?: "off" | "immediate" | "daily";
                        };
                        "goal.reached"?: {
                            enabled?: boolean;
                            /** @enum {string} */
                            email?: "off" | "immediate" | "daily";
                        };
                        "goal.off_track"?: {
                            enabled?: boolean;
                            /** @enum {string} */
                            email?: "off" | "immediate" | "daily";
                        };
                        "recurring.price_rise"?: {
                            enabled?: boolean;
                            /** @enum {string} */
                            email?: "off" | "immediate" | "daily";
                        };
                        "health.drop"?: {
                            enabled?: boolean;
                            /** @enum {string} */
                            email?: "off" | "immediate" | "daily";
                        };
                    };
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        kinds: {
                            "budget.threshold": {
                                enabled: boolean;
                                /** @enum {string} */
                                email: "off" | "immediate" | "daily";
                            };
                            "budget.pace": {
                                enabled: boolean;
                                /** @enum {string} */
                                email: "off" | "immediate" | "daily";
                            };
                            "transaction.unusual": {
                                enabled: boolean;
                                /** @enum {string} */
                                email: "off" | "immediate" | "daily";
                            };
                            "goal.reached": {
                                enabled: boolean;
                                /** @enum {string} */
                                email: "off" | "immediate" | "daily";
                            };
                            "goal.off_track": {
                                enabled: boolean;
                                /** @enum {string} */
                                email: "off" | "immediate" | "daily";
                            };
                            "recurring.price_rise": {
                                enabled: boolean;
                                /** @enum {string} */
                                email: "off" | "immediate" | "daily";
                            };
                            "health.drop": {
                                enabled: boolean;
                                /** @enum {string} */
                                email: "off" | "immediate" | "daily";
                            };
                        };
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "advice-list": {
        parameters: {
            query?: {
                status?: "open" | "dismissed" | "applied" | "all";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            /** @enum {string} */
                            kind: "category.above_baseline" | "subscriptions.total" | "subscriptions.price_rise" | "subscriptions.unused" | "savings.rate" | "budgets.suggested" | "goal.funding" | "emergency.fund" | "fx.effect";
                            title: string;
                            message: string;
                            impact: {
                                monthly: number;
                                currency: string;
                            };
                            evidence: {
                                window: {
                                    from: string;
                                    to: string;
                                };
                                baseline: number;
                                observed: number;
                                threshold: number;
                                transactionIds: string[];
                                method: string;
                                modelVersion: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                            };
                            action?: {
                                budgets: {
                                    categoryId: string;
                                    amount: number;
                                }[];
                            };
                            createdAt: string;
                            updatedAt: string;
                            /** @enum {string} */
                            status: "open" | "dismissed" | "applied";
                            useful: boolean | null;
                            appliedBudgetIds?: string[];
                        }[];
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "advice-feedback": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    useful: boolean;
                    dismiss?: boolean;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @enum {string} */
                        kind: "category.above_baseline" | "subscriptions.total" | "subscriptions.price_rise" | "subscriptions.unused" | "savings.rate" | "budgets.suggested" | "goal.funding" | "emergency.fund" | "fx.effect";
                        title: string;
                        message: string;
                        impact: {
                            monthly: number;
                            currency: string;
                        };
                        evidence: {
                            window: {
                                from: string;
                                to: string;
                            };
                            baseline: number;
                            observed: number;
                            threshold: number;
                            transactionIds: string[];
                            method: string;
                            modelVersion: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                        action?: {
                            budgets: {
                                categoryId: string;
                                amount: number;
                            }[];
                        };
                        createdAt: string;
                        updatedAt: string;
                        /** @enum {string} */
                        status: "open" | "dismissed" | "applied";
                        useful: boolean | null;
                        appliedBudgetIds?: string[];
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    "advice-apply": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @enum {string} */
                        kind: "category.above_baseline" | "subscriptions.total" | "subscriptions.price_rise" | "subscriptions.unused" | "savings.rate" | "budgets.suggested" | "goal.funding" | "emergency.fund" | "fx.effect";
                        title: string;
                        message: string;
                        impact: {
                            monthly: number;
                            currency: string;
                        };
                        evidence: {
                            window: {
                                from: string;
                                to: string;
                            };
                            baseline: number;
                            observed: number;
                            threshold: number;
                            transactionIds: string[];
                            method: string;
                            modelVersion: string;
                            details?: {
                                [key: string]: unknown;
                            };
                        };
                        action?: {
                            budgets: {
                                categoryId: string;
                                amount: number;
                            }[];
                        };
                        createdAt: string;
                        updatedAt: string;
                        /** @enum {string} */
                        status: "open" | "dismissed" | "applied";
                        useful: boolean | null;
                        appliedBudgetIds?: string[];
                    };
                };
            };
            /** @description Invalid request (each wrong field listed in `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid, expired or signed-out token (a problem document from Tally, not API Gateway: `WWW-Authenticate: Bearer realm="tally"`, with `error="invalid_token"` when a token was sent) */
            401: {
                headers: {
                    /** @description RFC 6750 challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description From API Gateway, not Tally: the body is over its 10 MB limit. Body `{"message":"Request Entity Too Large"}`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the stage or route throttle is exhausted; retry with back-off. Body `{"message":"Too Many Requests"}`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway, not Tally: the function failed (a bug). Body `{"message":"Internal Server Error"}`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description From API Gateway when no answer came within its 30 s integration timeout: `{"message":"Service Unavailable"}` without a Content-Type. (Tally's own 503, for a database outage, is a problem document with Retry-After.) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
