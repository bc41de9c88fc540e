import { openApiDocument } from './openapi';
import { problemKinds } from './problem';

const esc = (s: unknown) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

type Op = { summary?: string; description?: string; tags?: string[]; security?: unknown[]; 'x-permission'?: string; parameters?: { name: string; in: string; required: boolean; description?: string }[]; requestBody?: { content: Record<string, { schema?: unknown }> }; responses: Record<string, { description: string; content?: Record<string, { schema?: unknown }> }> };

/** A readable, self-contained HTML page of the API (works offline; generated from the OpenAPI document). */
export function docsPage(): string {
  const doc = openApiDocument() as { info: { title: string; description: string }; paths: Record<string, Record<string, Op>> };
  const byTag = new Map<string, string[]>();
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = op.tags?.[0] ?? 'other';
      const auth = op.security && op.security.length === 0 ? 'public' : op['x-permission'] ? `permission <code>${esc(op['x-permission'])}</code>` : 'signed in';
      const params = (op.parameters ?? []).map((p) => `<li><code>${esc(p.name)}</code> (${esc(p.in)}${p.required ? ', required' : ''})${p.description ? ` — ${esc(p.description)}` : ''}</li>`).join('');
      const body = op.requestBody?.content['application/json']?.schema;
      const responses = Object.entries(op.responses)
        .map(([code, r]) => {
          const s = r.content ? Object.values(r.content)[0]?.schema : undefined;
          return `<li><b>${esc(code)}</b> ${esc(r.description)}${s && !code.startsWith('4') ? `<details><summary>schema</summary><pre>${esc(JSON.stringify(s, null, 2))}</pre></details>` : ''}</li>`;
        })
        .join('');
      const html = `<section class="op" id="${esc(`${method}-${path}`)}">
<h3><span class="m ${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h3>
<p>${esc(op.summary ?? '')} <span class="auth">${auth}</span></p>${op.description ? `<p class="d">${esc(op.description)}</p>` : ''}
${params ? `<h4>Parameters</h4><ul>${params}</ul>` : ''}
${body ? `<h4>Body</h4><pre>${esc(JSON.stringify(body, null, 2))}</pre>` : ''}
<h4>Responses</h4><ul>${responses}</ul></section>`;
      byTag.set(tag, [...(byTag.get(tag) ?? []), html]);
    }
  }
  const problems = problemKinds()
    .map((p) => `<tr id="problem-${esc(p.kind)}"><td><code>/docs#problem-${esc(p.kind)}</code></td><td>${p.status}</td><td>${esc(p.title)}</td></tr>`)
    .join('');
  const nav = [...byTag.keys()].map((t) => `<a href="#tag-${esc(t)}">${esc(t)}</a>`).join(' · ');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(doc.info.title)}</title><style>
body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#1d232a}
code,pre{font-family:ui-monospace,monospace}pre{background:#f4f5f7;padding:.75rem;overflow:auto;border-radius:6px;font-size:13px}
.op{border-top:1px solid #e2e5e9;padding:.5rem 0}.m{display:inline-block;min-width:4.2em;text-align:center;border-radius:4px;color:#fff;font-size:13px;padding:1px 6px}
.get{background:#2b7bb9}.post{background:#2f9e44}.put{background:#b7791f}.patch{background:#7048e8}.delete{background:#c92a2a}
.auth{color:#5c6670;font-size:13px;margin-left:.5rem}.d{color:#3b444d}table{border-collapse:collapse}td{border:1px solid #e2e5e9;padding:4px 8px}
</style></head><body><h1>${esc(doc.info.title)}</h1><p>${esc(doc.info.description)}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1). Authenticate with <code>Authorization: Bearer &lt;accessToken&gt;</code> from <code>POST /auth/login</code>.</p>
<nav>${nav}</nav>
${[...byTag.entries()].map(([t, ops]) => `<h2 id="tag-${esc(t)}">/${esc(t)}</h2>${ops.join('\n')}`).join('\n')}
<h2 id="problems">Problem types</h2><p>Every error is an <code>application/problem+json</code> document (RFC 9457) with <code>type</code>, <code>title</code>, <code>status</code>, <code>detail</code> and, for invalid input, <code>errors: [{path, message}]</code>.</p>
<table><tr><th>type</th><th>status</th><th>title</th></tr>${problems}</table></body></html>`;
}
