// The local gateway matches routes with the same table the `$default` function (functions/http/system/no-route.ts)
// uses on AWS to tell a wrong method (405) from an unknown path (404).
export { RouteTable, type Match, type Route } from '../../shared/http/route-table';
