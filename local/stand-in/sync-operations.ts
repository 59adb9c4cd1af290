import type { HandlerTable } from './operation-types';

/** Sync's operations the stand-in carries out: Maps and their Items (see sync-maps.ts). */
export const SYNC_HANDLERS: HandlerTable = {
  CreateSyncMap: ({ resources: { sync }, pathParams, params }) => ({
    status: 201,
    body: sync.createMap(pathParams.ServiceSid, params),
  }),
  FetchSyncMap: ({ resources: { sync }, pathParams }) => ({
    status: 200,
    body: sync.fetchMap(pathParams.ServiceSid, pathParams.Sid),
  }),
  CreateSyncMapItem: ({ resources: { sync }, pathParams, params }) => ({
    status: 201,
    body: sync.createItem(pathParams.ServiceSid, pathParams.MapSid, params),
  }),
  FetchSyncMapItem: ({ resources: { sync }, pathParams }) => ({
    status: 200,
    body: sync.fetchItem(pathParams.ServiceSid, pathParams.MapSid, pathParams.Key),
  }),
  UpdateSyncMapItem: ({ resources: { sync }, pathParams, params, ifMatch }) => ({
    status: 200,
    body: sync.updateItem(
      pathParams.ServiceSid,
      pathParams.MapSid,
      pathParams.Key,
      params,
      ifMatch,
    ),
  }),
  DeleteSyncMapItem: ({ resources: { sync }, pathParams, ifMatch }) => {
    sync.deleteItem(pathParams.ServiceSid, pathParams.MapSid, pathParams.Key, ifMatch);
    return { status: 204, body: undefined };
  },
  ListSyncMapItem: ({ resources: { sync }, pathParams, query, product, path }) => ({
    status: 200,
    body: sync.listItems(
      pathParams.ServiceSid,
      pathParams.MapSid,
      query,
      `https://${product}.twilio.com${path}`,
    ),
  }),
};
