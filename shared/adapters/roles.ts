import { BatchGetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { BUILT_IN_ROLES, type AuditRecord, type Role } from '../domain/roles';
import { auditItem } from './audit';
import { db, isConditionFailure, tableName } from './dynamo';
import * as keys from './keys';

function toRole(item: Record<string, unknown>): Role {
  return {
    name: String(item.name),
    description: String(item.description ?? ''),
    permissions: [...((item.permissions as string[] | undefined) ?? [])],
    builtIn: false,
    createdAt: String(item.createdAt),
  };
}

/**
 * Stores a new role together with its audit record, in one transaction; false (and nothing written) when a role of
 * that name exists.
 */
export async function putRoleIfAbsent(role: Role, audit: AuditRecord): Promise<boolean> {
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: { ...keys.role(role.name), name: role.name, description: role.description, permissions: role.permissions, createdAt: role.createdAt },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          { Put: { TableName: tableName(), Item: auditItem(audit), ConditionExpression: 'attribute_not_exists(pk)' } },
        ],
      }),
    );
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

/** Built-in and stored roles, by name. */
export async function listRoles(): Promise<Role[]> {
  const stored: Role[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'ROLES' }, ExclusiveStartKey: start }),
    );
    stored.push(...(page.Items ?? []).map(toRole));
    start = page.LastEvaluatedKey;
  } while (start);
  return [...Object.values(BUILT_IN_ROLES), ...stored].sort((a, b) => a.name.localeCompare(b.name));
}

/** The roles of the given names that exist (built-in ones without a read). */
export async function getRoles(names: string[]): Promise<Role[]> {
  // Own properties only: `constructor` and friends are inherited by every object, and are no built-in roles.
  const isBuiltIn = (n: string) => Object.hasOwn(BUILT_IN_ROLES, n);
  const builtIn = names.filter(isBuiltIn).map((n) => BUILT_IN_ROLES[n] as Role);
  const others = [...new Set(names.filter((n) => !isBuiltIn(n)))].slice(0, 100);
  if (others.length === 0) return builtIn;
  const out = await db().send(
    new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: others.map((n) => keys.role(n)), ConsistentRead: true } } }),
  );
  return [...builtIn, ...(out.Responses?.[tableName()] ?? []).map(toRole)];
}
