// Generated from services/*/openapi.json by `npm run contracts`. Do not edit.

export const pathTemplates = {
  "users": [
    "/v1/users/lookup",
    "/v1/users",
    "/v1/users/{id}",
    "/v1/users/{id}/suspend",
    "/v1/users/{id}/reactivate",
    "/v1/sessions"
  ],
  "orders": [
    "/v1/orders",
    "/v1/orders/stats",
    "/v1/orders/{id}",
    "/v1/orders/{id}/pay",
    "/v1/orders/{id}/cancel",
    "/v1/orders/{id}/fulfill",
    "/v1/orders/{id}/refund"
  ],
  "meetings": [
    "/v1/rooms",
    "/v1/rooms/bookings",
    "/v1/rooms/{id}",
    "/v1/meetings",
    "/v1/meetings/{id}",
    "/v1/meetings/{id}/rsvp",
    "/v1/meetings/{id}/cancel"
  ],
  "config": [
    "/v1/config/namespaces",
    "/v1/config/schemas/{service}",
    "/v1/config/{namespace}/services",
    "/v1/config/{namespace}/{service}/draft",
    "/v1/config/{namespace}/{service}/draft/diff",
    "/v1/config/{namespace}/{service}/releases",
    "/v1/config/{namespace}/{service}/releases/{revision}",
    "/v1/config/{namespace}/{service}/diff",
    "/v1/config/{namespace}/{service}/rollback",
    "/v1/config/{namespace}/{service}/gray/promote",
    "/v1/config/{namespace}/{service}/gray/abandon",
    "/v1/config/{namespace}/{service}/change-requests",
    "/v1/config/{namespace}/{service}/change-requests/{id}/approve",
    "/v1/config/{namespace}/{service}/change-requests/{id}/reject",
    "/v1/config/{namespace}/{service}/audit",
    "/v1/config/{namespace}/{service}/effective",
    "/v1/config/{namespace}/{service}/watch",
    "/v1/config/{namespace}/{service}/poll",
    "/v1/config/{namespace}/{service}/applied",
    "/v1/config/{namespace}/{service}/instances",
    "/v1/registry/instances",
    "/v1/registry/instances/{instanceId}/heartbeat",
    "/v1/registry/instances/{instanceId}",
    "/v1/registry/services",
    "/v1/registry/services/{service}/instances",
    "/v1/registry/services/{service}/watch",
    "/v1/registry/prometheus-sd"
  ]
} as const;
