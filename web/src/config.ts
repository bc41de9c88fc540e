/** Where the API is: /config.json, written next to the app by the local cloud and by the CDK deployment. */
export interface WebConfig {
  apiUrl: string;
}

let loaded: Promise<WebConfig> | undefined;

export function loadConfig(): Promise<WebConfig> {
  loaded ??= fetch('/config.json', { cache: 'no-store' })
    .then((r) => {
      if (!r.ok) throw new Error(`config.json answered ${r.status}`);
      return r.json() as Promise<WebConfig>;
    })
    .then((c) => ({ apiUrl: c.apiUrl.replace(/\/$/, '') }));
  return loaded;
}
