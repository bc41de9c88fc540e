import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Caller } from '../../../shared/http/identity';
import type { RoleRequest } from '../../../shared/use-cases/roles';

/** Who asks for a role change and from where, as the audit trail records it. */
export function roleRequest(caller: Caller, requestId: string, event: APIGatewayProxyEventV2): RoleRequest {
  const http = event.requestContext?.http as { sourceIp?: string; userAgent?: string } | undefined;
  const userAgent = http?.userAgent ?? event.headers?.['user-agent'];
  return { caller, requestId, ...(http?.sourceIp ? { sourceIp: http.sourceIp } : {}), ...(userAgent ? { userAgent } : {}) };
}
