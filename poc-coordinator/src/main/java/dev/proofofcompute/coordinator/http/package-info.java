/**
 * The coordinator's HTTP API (Javalin on virtual threads): thin handlers that parse JSON,
 * authenticate the signed request, call one service and map its result; one error mapper; the
 * OpenAPI document, health and Prometheus metrics.
 */
@NullMarked
package dev.proofofcompute.coordinator.http;

import org.jspecify.annotations.NullMarked;
