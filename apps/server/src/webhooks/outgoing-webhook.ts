import { createHmac } from 'node:crypto';
import { type LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { isNonPublicAddress, parseWebhookUrl } from './webhook-target';

/** Why a webhook was not sent or failed; `permanent` ones are not retried (a refused address stays refused). */
export class WebhookError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

export interface OutgoingWebhook {
  url: string;
  method: string;
  headers?: Record<string, string>;
  body: unknown;
  /** Sent as `Idempotency-Key` so a receiver can drop the retries of one delivery. */
  idempotencyKey: string;
}

export interface WebhookOptions {
  /** HMAC-SHA256 key; the signature goes into `X-Lowcode-Signature: t=<unix>,v1=<hex>` over `<t>.<body>`. */
  secret: string;
  /** Allow loopback and private targets (an admin's explicit choice for intranet receivers). */
  allowPrivate: boolean;
  timeoutMs?: number;
  now?: Date;
}

export interface WebhookResponse {
  status: number;
  /** At most 2 KB of the answer, for the log. */
  body: string;
}

/**
 * Resolves the host once and refuses it if ANY address is not public (loopback, private, link-local such as
 * 169.254.169.254, unique-local, multicast, their IPv4-mapped forms — see webhook-target.ts); the request
 * then connects only to the checked addresses, so DNS rebinding between check and connect cannot redirect
 * it. Redirects are not followed.
 */
export async function resolveTarget(
  text: string,
  allowPrivate: boolean,
): Promise<{ url: URL; addresses: LookupAddress[] }> {
  const url = parseWebhookUrl(text);
  if (url === 'url') throw new WebhookError(`"${text}" is not a URL`, true);
  if (url === 'protocol') throw new WebhookError('Webhook URLs must be http or https', true);
  if (url === 'credentials') throw new WebhookError('Webhook URLs may not carry credentials', true);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses: LookupAddress[] = isIP(host)
    ? [{ address: host, family: isIP(host) }]
    : await lookup(host, { all: true, verbatim: true }).catch(() => {
        throw new WebhookError(`Cannot resolve ${host}`, false);
      });
  if (addresses.length === 0) throw new WebhookError(`Cannot resolve ${host}`, false);
  const refused = addresses.find((entry) => isNonPublicAddress(entry.address));
  if (refused && !allowPrivate)
    throw new WebhookError(
      `Webhook target ${host} resolves to ${refused.address}, a loopback, private or link-local address; an admin must allow private targets`,
      true,
    );
  return { url, addresses };
}

export function signWebhook(secret: string, body: string, at: Date): string {
  const timestamp = Math.floor(at.getTime() / 1000);
  const signature = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${signature}`;
}

/** Sends one webhook; resolves with the answer for 2xx, throws WebhookError otherwise. */
export async function sendWebhook(
  webhook: OutgoingWebhook,
  options: WebhookOptions,
): Promise<WebhookResponse> {
  const { url, addresses } = await resolveTarget(webhook.url, options.allowPrivate);
  const method = webhook.method.toUpperCase();
  const bodyless = method === 'GET' || method === 'HEAD';
  const body = bodyless ? '' : JSON.stringify(webhook.body ?? null);
  const headers: Record<string, string> = {
    ...(webhook.headers ?? {}),
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    'user-agent': 'lowcode-webhooks/1',
    'idempotency-key': webhook.idempotencyKey,
    'x-lowcode-signature': signWebhook(options.secret, body, options.now ?? new Date()),
  };
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = transport.request(
      url,
      {
        method,
        headers,
        timeout: options.timeoutMs ?? 10_000,
        // Connect to the addresses that were checked, whatever DNS says now.
        lookup: (_host, lookupOptions, callback) => {
          if ((lookupOptions as { all?: boolean }).all)
            (callback as (error: null, list: LookupAddress[]) => void)(null, addresses);
          else callback(null, addresses[0]!.address, addresses[0]!.family);
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size < 2048) chunks.push(chunk);
          size += chunk.length;
        });
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          const text = Buffer.concat(chunks).toString('utf8').slice(0, 2048);
          if (status >= 200 && status < 300) resolve({ status, body: text });
          else if (status >= 300 && status < 400)
            reject(new WebhookError(`Webhook answered ${status}; redirects are not followed`, true));
          else
            reject(
              new WebhookError(
                `Webhook answered ${status}: ${text.slice(0, 200)}`,
                status < 500 && status !== 429,
              ),
            );
        });
      },
    );
    request.on('timeout', () => request.destroy(new WebhookError('Webhook timed out', false)));
    request.on('error', (error) =>
      reject(
        error instanceof WebhookError ? error : new WebhookError(`Webhook failed: ${error.message}`, false),
      ),
    );
    request.end(body || undefined);
  });
}
