import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { readJson, writeJson } from './state';

/** One email the app sent, as the outbox keeps it. */
export interface OutboxMessage {
  id: string;
  receivedAt: string;
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  replyTo: string[];
  subject: string;
  html?: string;
  text?: string;
  /** The MIME source of a raw message. */
  raw?: string;
  template?: { name: string; data: string };
  tags: Record<string, string>;
  /** `Content.Simple.Headers`, by name as sent (e.g. List-Unsubscribe). */
  headers?: Record<string, string>;
}

/** A request SES would refuse (answered as its BadRequestException). */
export class SesRequestError extends Error {
  constructor(
    message: string,
    readonly type = 'BadRequestException',
  ) {
    super(message);
    this.name = 'SesRequestError';
  }
}

type Json = Record<string, unknown>;

function strings(v: unknown, field: string): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new SesRequestError(`${field} must be a list of strings`);
  return v as string[];
}

function data(v: unknown): string | undefined {
  const d = (v as { Data?: unknown } | undefined)?.Data;
  return typeof d === 'string' ? d : undefined;
}

/** Headers of a MIME message (unfolded), for the list view of a raw message. */
function mimeHeaders(raw: string): Record<string, string> {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
  const out: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) out[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return out;
}

/** An SES-shaped message id. */
export function newMessageId(): string {
  return `010001${randomBytes(5).toString('hex')}-${randomUUID()}-000000`;
}

/**
 * Reads an SES v2 SendEmail request (`POST /v2/email/outbound-emails`) into an outbox message, refusing what
 * SES refuses: no recipient, more than 50 recipients, no content, or a simple message without subject or body.
 */
export function parseSendEmail(body: Json, now: Date = new Date()): OutboxMessage {
  const destination = (body.Destination ?? {}) as Json;
  const to = strings(destination.ToAddresses, 'Destination.ToAddresses');
  const cc = strings(destination.CcAddresses, 'Destination.CcAddresses');
  const bcc = strings(destination.BccAddresses, 'Destination.BccAddresses');
  const content = body.Content as Json | undefined;
  if (!content || typeof content !== 'object') throw new SesRequestError('Missing required field Content');
  const kinds = ['Simple', 'Raw', 'Template'].filter((k) => content[k] !== undefined);
  if (kinds.length !== 1) throw new SesRequestError('Content must have exactly one of Simple, Raw or Template');
  const tags = Object.fromEntries(
    ((body.EmailTags as { Name?: string; Value?: string }[] | undefined) ?? []).map((t) => [t.Name ?? '', t.Value ?? '']),
  );
  const base = {
    id: newMessageId(),
    receivedAt: now.toISOString(),
    from: typeof body.FromEmailAddress === 'string' ? body.FromEmailAddress : '',
    to,
    cc,
    bcc,
    replyTo: strings(body.ReplyToAddresses, 'ReplyToAddresses'),
    tags,
  };
  let message: OutboxMessage;
  if (content.Simple) {
    const simple = content.Simple as Json;
    const subject = data(simple.Subject);
    const bodyPart = (simple.Body ?? {}) as Json;
    const html = data(bodyPart.Html);
    const text = data(bodyPart.Text);
    if (subject === undefined) throw new SesRequestError('Missing required field Content.Simple.Subject');
    if (html === undefined && text === undefined) throw new SesRequestError('Content.Simple.Body needs Html or Text');
    const extra = Array.isArray(simple.Headers) ? Object.fromEntries((simple.Headers as Json[]).map((h) => [String(h.Name ?? ''), String(h.Value ?? '')])) : undefined;
    message = { ...base, subject, ...(html !== undefined ? { html } : {}), ...(text !== undefined ? { text } : {}), ...(extra ? { headers: extra } : {}) };
  } else if (content.Raw) {
    const encoded = data(content.Raw);
    if (encoded === undefined) throw new SesRequestError('Missing required field Content.Raw.Data');
    const raw = Buffer.from(encoded, 'base64').toString('utf8');
    const h = mimeHeaders(raw);
    message = {
      ...base,
      from: base.from || (h.from ?? ''),
      to: to.length > 0 || cc.length > 0 || bcc.length > 0 ? to : (h.to ?? '').split(',').map((s) => s.trim()).filter(Boolean),
      subject: h.subject ?? '',
      raw,
    };
  } else {
    const t = content.Template as Json;
    message = {
      ...base,
      subject: `(template ${String(t.TemplateName ?? t.TemplateArn ?? '')})`,
      template: { name: String(t.TemplateName ?? t.TemplateArn ?? ''), data: String(t.TemplateData ?? '') },
    };
  }
  const recipients = message.to.length + message.cc.length + message.bcc.length;
  if (recipients === 0) throw new SesRequestError('Missing required field Destination: at least one recipient is needed');
  if (recipients > 50) throw new SesRequestError('Recipient count exceeds 50.', 'BadRequestException');
  if (!message.from) throw new SesRequestError('Missing required field FromEmailAddress');
  return message;
}

/** The address inside `Name <user@example.com>`, lower-cased. */
export function bareAddress(address: string): string {
  const m = address.match(/<([^>]+)>/);
  return (m?.[1] ?? address).trim().toLowerCase();
}

/** Every sent email, kept as one JSON file each in a folder (newest first when listed). */
export class Outbox {
  private messages: OutboxMessage[] = [];

  private constructor(private readonly dir: string) {}

  static async open(dir: string): Promise<Outbox> {
    const box = new Outbox(dir);
    await mkdir(dir, { recursive: true });
    const files = (await readdir(dir)).filter((f) => f.endsWith('.json'));
    const loaded = await Promise.all(files.map((f) => readJson<OutboxMessage | null>(join(dir, f), null).catch(() => null)));
    box.messages = loaded.filter((m): m is OutboxMessage => m !== null).sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
    return box;
  }

  async add(message: OutboxMessage): Promise<void> {
    await writeJson(join(this.dir, `${message.receivedAt.replace(/[:.]/g, '-')}-${message.id}.json`), message);
    this.messages.unshift(message);
  }

  /** Newest first; `to` keeps messages addressed (to, cc or bcc) to that address. */
  list(filter: { to?: string } = {}): OutboxMessage[] {
    if (!filter.to) return [...this.messages];
    const want = bareAddress(filter.to);
    return this.messages.filter((m) => [...m.to, ...m.cc, ...m.bcc].some((a) => bareAddress(a) === want));
  }

  get(id: string): OutboxMessage | undefined {
    return this.messages.find((m) => m.id === id);
  }

  async clear(): Promise<void> {
    this.messages = [];
    await rm(this.dir, { recursive: true, force: true });
    await mkdir(this.dir, { recursive: true });
  }
}
