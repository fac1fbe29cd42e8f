import type { FastifyRequest } from 'fastify';

/** Query parameters that carry secrets (invitation and reset links, paging through them is not one). */
const secretParams = /^(token|.*_token|code|key|secret|password)$/i;
const exemptParams = new Set(['paging_token']);

/**
 * The URL as the request log may show it: the path, and the query with every
 * token-like value replaced by [redacted] (e.g. /invitations/accept?token=…).
 */
export function redactUrl(url: string): string {
  const question = url.indexOf('?');
  if (question === -1) return url;
  const path = url.slice(0, question);
  const query = url.slice(question + 1);
  const parts = query.split('&').map((part) => {
    const equals = part.indexOf('=');
    const rawName = equals === -1 ? part : part.slice(0, equals);
    let name: string;
    try {
      name = decodeURIComponent(rawName.replace(/\+/g, ' '));
    } catch {
      return '[redacted]';
    }
    if (equals === -1 || exemptParams.has(name) || !secretParams.test(name)) return part;
    return `${rawName}=[redacted]`;
  });
  return `${path}?${parts.join('&')}`;
}

/** Fastify's request serializer, minus secrets in the query string. */
export const requestLogSerializers = {
  req(request: FastifyRequest) {
    return {
      method: request.method,
      url: redactUrl(request.url),
      host: request.host,
      remoteAddress: request.ip,
      remotePort: request.socket?.remotePort,
    };
  },
};
