import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

const require = createRequire(import.meta.url);
const FILES = ['swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js', 'favicon-32x32.png'];

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tally API reference</title><link rel="stylesheet" href="./swagger-ui.css"><link rel="icon" href="./favicon-32x32.png">
</head><body><main id="swagger-ui" aria-label="API reference"></main>
<script src="./swagger-ui-bundle.js"></script><script src="./swagger-ui-standalone-preset.js"></script><script src="./init.js"></script>
</body></html>
`;

/** No inline script (the content-security policy forbids it): the API's address comes from /config.json. */
const INIT = `fetch('/config.json').then(function (r) { return r.json(); }).then(function (c) {
  window.ui = SwaggerUIBundle({
    url: c.apiUrl.replace(/\\/$/, '') + '/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    tryItOutEnabled: false,
    persistAuthorization: false,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout'
  });
});
`;

/** Emits /docs/: Swagger UI's files from the installed swagger-ui-dist package, its page and its start-up script. */
export function swaggerUiDocs(): Plugin {
  return {
    name: 'tally-swagger-ui-docs',
    apply: 'build',
    async generateBundle() {
      const dir = dirname(require.resolve('swagger-ui-dist/package.json'));
      for (const name of FILES) this.emitFile({ type: 'asset', fileName: `docs/${name}`, source: await readFile(join(dir, name)) });
      this.emitFile({ type: 'asset', fileName: 'docs/index.html', source: PAGE });
      this.emitFile({ type: 'asset', fileName: 'docs/init.js', source: INIT });
    },
  };
}
