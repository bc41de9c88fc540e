/** The region every local emulator and handler uses. */
export const LOCAL_REGION = 'us-east-1';

/** Static credentials for every local emulator; they check nothing, but the SDK must sign. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

/** The account id the emulators report (fauxqs and the ARNs built here). */
export const LOCAL_ACCOUNT_ID = '000000000000';
