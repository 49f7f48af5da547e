package dev.proofofcompute.coordinator.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.proofofcompute.coordinator.service.Coordination;
import java.util.List;

/**
 * The OpenAPI 3.1 description of the API, written by hand next to the routes it describes (served
 * at {@code GET /openapi}). {@code OpenApiIT} checks that it lists exactly the routes the server
 * registers, method by method.
 */
public final class OpenApi {
  private OpenApi() {}

  /** One documented operation. */
  record Op(
      String method,
      String path,
      String id,
      String summary,
      boolean signed,
      String request,
      String response,
      List<Integer> errors) {}

  private static final List<Integer> SIGNED_ERRORS =
      List.of(400, 401, 403, 404, 409, 413, 429, 503);

  static final List<Op> OPERATIONS =
      List.of(
          new Op(
              "get",
              "/health",
              "health",
              "Checks that the coordinator and its database answer.",
              false,
              "",
              "Health",
              List.of(503)),
          new Op(
              "get",
              "/metrics",
              "metrics",
              "Prometheus metrics (text exposition format).",
              false,
              "",
              "",
              List.of()),
          new Op("get", "/openapi", "openapi", "This document.", false, "", "", List.of()),
          new Op(
              "post",
              "/v1/nodes",
              "registerNode",
              "Registers the node whose key signs the request, with its roles and an optional stake to bond.",
              true,
              "RegisterRequest",
              "Node",
              SIGNED_ERRORS),
          new Op(
              "get",
              "/v1/nodes/{nodeId}",
              "getNode",
              "A registered node: roles, status, reputation.",
              true,
              "",
              "Node",
              SIGNED_ERRORS),
          new Op(
              "get",
              "/v1/accounts/{nodeId}",
              "getBalances",
              "A node's available, bonded and locked funds (the node itself or the operator).",
              true,
              "",
              "Balances",
              SIGNED_ERRORS),
          new Op(
              "post",
              "/v1/accounts/deposit",
              "deposit",
              "Credits a deposit (to oneself under open deposits; the operator to anyone).",
              true,
              "DepositRequest",
              "Balances",
              SIGNED_ERRORS),
          new Op(
              "post",
              "/v1/accounts/bond",
              "bond",
              "Moves available funds to bonded stake.",
              true,
              "AmountRequest",
              "Balances",
              SIGNED_ERRORS),
          new Op(
              "post",
              "/v1/accounts/unbond",
              "unbond",
              "Moves bonded stake that no task holds back to available funds.",
              true,
              "AmountRequest",
              "Balances",
              SIGNED_ERRORS),
          new Op(
              "post",
              "/v1/accounts/withdraw",
              "withdraw",
              "Withdraws available funds from the ledger.",
              true,
              "AmountRequest",
              "Balances",
              SIGNED_ERRORS),
          new Op(
              "post",
              "/v1/jobs",
              "submitJob",
              "Submits a job: the scheme plans it, its budget goes into escrow, its tasks are queued. Idempotent per requester and key (201 created, 200 the same job again).",
              true,
              "JobRequest",
              "Job",
              SIGNED_ERRORS),
          new Op(
              "get",
              "/v1/jobs/{jobId}",
              "getJob",
              "A job's status and tasks with their verdicts (its requester or the operator).",
              true,
              "",
              "Job",
              SIGNED_ERRORS),
          new Op(
              "get",
              "/v1/jobs/{jobId}/result",
              "getJobResult",
              "A decided job's accepted output.",
              true,
              "",
              "JobResult",
              SIGNED_ERRORS),
          new Op(
              "post",
              "/v1/leases",
              "lease",
              "Leases the next task: role provider (an execution; the job's minimum stake is locked) or validator (a validation). Long-polls up to waitMillis; 204 when nothing came.",
              true,
              "LeaseRequest",
              "Lease",
              SIGNED_ERRORS),
          new Op(
              "post",
              "/v1/leases/batch",
              "leaseBatch",
              "Leases up to max (1.."
                  + Coordination.MAX_BATCH
                  + ") tasks in one transaction (one commit, one log batch, one"
                  + " signed head), each as POST /v1/leases would. Long-polls up to waitMillis for"
                  + " the first; answers as soon as any was leased; an empty list when nothing came.",
              true,
              "LeaseBatchRequest",
              "LeaseBatch",
              SIGNED_ERRORS),
          new Op(
              "post",
              "/v1/tasks/batch",
              "taskBatch",
              "Runs 1.."
                  + Coordination.MAX_BATCH
                  + " task operations (commit, challenge, respond, report, heartbeat, release;"
                  + " one per task) in one transaction; if any is refused, the transaction is"
                  + " rolled back and each runs alone. One result per operation, in order, with"
                  + " the status and body (or error and reason) its single endpoint would have"
                  + " answered. A malformed, oversized, unsigned, stale or replayed envelope is"
                  + " refused whole.",
              true,
              "TaskBatchRequest",
              "TaskBatchResults",
              SIGNED_ERRORS),
          new Op(
              "post",
              "/v1/tasks/{taskId}/commit",
              "commit",
              "Stores the provider's commitment; the challenge is drawn only after it is stored.",
              true,
              "CommitRequest",
              "Challenge",
              SIGNED_ERRORS),
          new Op(
              "post",
              "/v1/tasks/{taskId}/challenge",
              "challenge",
              "The challenge to the commitment, once every replica has committed where the scheme requires it; polling extends the lease.",
              true,
              "LeaseRef",
              "Challenge",
              SIGNED_ERRORS),
          new Op(
              "post",
              "/v1/tasks/{taskId}/response",
              "respond",
              "The provider's response (openings, result, proof, attestation); checked at once or handed to a validator.",
              true,
              "ResponseRequest",
              "TaskOutcome",
              SIGNED_ERRORS),
          new Op(
              "post",
              "/v1/tasks/{taskId}/report",
              "report",
              "A validator's report on a validation task.",
              true,
              "ReportRequest",
              "TaskOutcome",
              SIGNED_ERRORS),
          new Op(
              "post",
              "/v1/tasks/{taskId}/heartbeat",
              "heartbeat",
              "Extends the caller's live lease.",
              true,
              "LeaseRef",
              "LeaseDeadline",
              SIGNED_ERRORS),
          new Op(
              "post",
              "/v1/tasks/{taskId}/release",
              "release",
              "Gives a leased task back; its stake is released.",
              true,
              "LeaseRef",
              "Released",
              SIGNED_ERRORS),
          new Op(
              "get",
              "/v1/disputes/pending",
              "pendingDisputes",
              "The dispute questions addressed to the caller's tasks.",
              true,
              "",
              "DisputeRequests",
              SIGNED_ERRORS),
          new Op(
              "post",
              "/v1/disputes/{disputeId}/answer",
              "answerDispute",
              "Answers the pending question of a dispute before its deadline.",
              true,
              "DisputeAnswer",
              "Answered",
              SIGNED_ERRORS),
          new Op(
              "get",
              "/v1/log/head",
              "getLogHead",
              "The latest signed tree head of the transparency log (RFC 6962 §4.3 get-sth).",
              false,
              "",
              "TreeHead",
              List.of(404, 503)),
          new Op(
              "get",
              "/v1/log/entries",
              "getLogEntries",
              "Log entries start..end inclusive, at most 1000 (RFC 6962 §4.6 get-entries).",
              false,
              "",
              "LogEntries",
              List.of(400, 503)),
          new Op(
              "get",
              "/v1/log/proof/inclusion",
              "getLogInclusionProof",
              "The audit path of a leaf, by leaf hash or index, in the tree of a size (RFC 6962"
                  + " §4.5 get-proof-by-hash).",
              false,
              "",
              "InclusionProof",
              List.of(400, 404, 503)),
          new Op(
              "get",
              "/v1/log/proof/consistency",
              "getLogConsistencyProof",
              "The consistency proof between two tree sizes (RFC 6962 §4.4 get-sth-consistency).",
              false,
              "",
              "ConsistencyProof",
              List.of(400, 503)),
          new Op(
              "get",
              "/v1/ledger/balances",
              "getLedgerBalances",
              "Every non-zero ledger balance and the log size whose entries they include, for"
                  + " auditors who replay the ledger from the log.",
              false,
              "",
              "LedgerBalances",
              List.of(503)));

  /** Query parameters of the operations that take them: "name[?]:description". */
  static final java.util.Map<String, List<String>> QUERY =
      java.util.Map.of(
          "getLogEntries",
          List.of("start:index of the first entry", "end:index of the last entry (inclusive)"),
          "getLogInclusionProof",
          List.of(
              "size:the tree size to prove in",
              "hash?:the RFC 6962 leaf hash, base64 (or index)",
              "index?:the leaf index (or hash)"),
          "getLogConsistencyProof",
          List.of("first:the smaller tree size", "second:the larger tree size"));

  /** The document. */
  public static ObjectNode document() {
    ObjectNode doc = JsonBody.MAPPER.createObjectNode();
    doc.put("openapi", "3.1.0");
    ObjectNode info = doc.putObject("info");
    info.put("title", "proof-of-compute coordinator");
    info.put("version", "1");
    info.put(
        "description",
        "Every /v1 request is signed by the node's Ed25519 key over the canonical CBOR of (method,"
            + " path with query, SHA-256 of the body, timestamp, nonce, node id); see"
            + " docs/coordinator.md. The transparency log (/v1/log) and the ledger balances are"
            + " public and unsigned. Errors are {\"error\": code, \"reason\": text}.");
    ObjectNode paths = doc.putObject("paths");
    for (Op op : OPERATIONS) {
      ObjectNode path =
          paths.has(op.path()) ? (ObjectNode) paths.get(op.path()) : paths.putObject(op.path());
      ObjectNode o = path.putObject(op.method());
      o.put("operationId", op.id());
      o.put("summary", op.summary());
      ArrayNode params = o.putArray("parameters");
      for (String segment : op.path().split("/", -1)) {
        if (segment.startsWith("{")) {
          ObjectNode p = params.addObject();
          p.put("name", segment.substring(1, segment.length() - 1));
          p.put("in", "path");
          p.put("required", true);
          p.putObject("schema").put("type", "string");
        }
      }
      for (String q : QUERY.getOrDefault(op.id(), List.of())) {
        String[] parts = q.split(":", 2);
        boolean optional = parts[0].endsWith("?");
        ObjectNode p = params.addObject();
        p.put("name", optional ? parts[0].substring(0, parts[0].length() - 1) : parts[0]);
        p.put("in", "query");
        p.put("required", !optional);
        p.put("description", parts[1]);
        p.putObject("schema").put("type", parts[0].startsWith("hash") ? "string" : "integer");
      }
      if (op.signed()) {
        o.putArray("security").addObject().putArray("pocSignature");
      } else {
        o.putArray("security");
      }
      if (!op.request().isEmpty()) {
        ObjectNode body = o.putObject("requestBody");
        body.put("required", true);
        body.putObject("content")
            .putObject("application/json")
            .putObject("schema")
            .put("$ref", "#/components/schemas/" + op.request());
      }
      ObjectNode responses = o.putObject("responses");
      ObjectNode ok =
          responses.putObject(
              op.method().equals("post") && op.id().equals("registerNode") ? "201" : "200");
      ok.put("description", "success");
      if (!op.response().isEmpty()) {
        ok.putObject("content")
            .putObject("application/json")
            .putObject("schema")
            .put("$ref", "#/components/schemas/" + op.response());
      } else if (op.id().equals("metrics")) {
        ok.putObject("content").putObject("text/plain").putObject("schema").put("type", "string");
      } else {
        ok.putObject("content")
            .putObject("application/json")
            .putObject("schema")
            .put("type", "object");
      }
      if (op.id().equals("lease")) {
        responses.putObject("204").put("description", "no task became available while waiting");
      }
      for (int status : op.errors()) {
        ObjectNode e = responses.putObject(Integer.toString(status));
        e.put("description", "refused; nothing changed");
        e.putObject("content")
            .putObject("application/json")
            .putObject("schema")
            .put("$ref", "#/components/schemas/Error");
      }
    }
    ObjectNode components = doc.putObject("components");
    ObjectNode sec = components.putObject("securitySchemes").putObject("pocSignature");
    sec.put("type", "apiKey");
    sec.put("in", "header");
    sec.put("name", "X-Poc-Signature");
    sec.put(
        "description",
        "Ed25519 signature (128 hex) with X-Poc-Node (64 hex), X-Poc-Timestamp (ms),"
            + " X-Poc-Nonce (32 hex).");
    ObjectNode s = components.putObject("schemas");
    object(s, "Error", "error:string", "reason:string");
    object(s, "Health", "status:string", "storage:string");
    object(
        s,
        "RegisterRequest",
        "publicKey:string:raw Ed25519 key, 64 hex",
        "roles:array:requester, provider, validator",
        "stake?:string:amount to bond, decimal credits");
    object(
        s,
        "Node",
        "nodeId:string",
        "roles:array",
        "status:string:active, throttled or suspended",
        "throttledUntil?:string",
        "consecutiveValid:integer",
        "strikes:integer",
        "registeredAt:string");
    object(s, "Balances", "nodeId:string", "available:string", "bonded:string", "locked:string");
    object(
        s,
        "DepositRequest",
        "nodeId?:string:the operator's target; omitted for oneself",
        "amount:string");
    object(s, "AmountRequest", "amount:string:decimal credits, e.g. 12.5");
    object(s, "Workload", "name:string", "version:integer", "digest:string:64 hex");
    object(
        s,
        "Policy",
        "scheme:string:replication, spot-check, freivalds, bisection, stark, tee",
        "params:object:the scheme's parameters (JSON, converted to canonical CBOR)",
        "adaptive?:object:{trustThreshold, checkFloor} for replication");
    object(s, "SlashSplit", "requesterBps:integer", "treasuryBps:integer", "challengerBps:integer");
    object(
        s,
        "Terms",
        "rewardPerTask:string",
        "validatorFeePerTask?:string",
        "minStake:string",
        "slashSplit:object",
        "maxTasks?:integer");
    object(
        s,
        "JobRequest",
        "workload:object",
        "input:string:base64",
        "policy:object",
        "terms:object",
        "idempotencyKey:string");
    object(
        s,
        "Task",
        "taskId:string",
        "kind:string",
        "replica:integer",
        "parentTaskId?:string",
        "state:string",
        "holder?:string",
        "attempts:integer",
        "verdict?:string",
        "reason?:string",
        "detail?:string");
    object(
        s,
        "Job",
        "jobId:string",
        "requester:string",
        "idempotencyKey:string",
        "workload:object",
        "scheme:string",
        "summary:string",
        "status:string:open, disputed, decided, failed",
        "replicas:integer",
        "escrowed:string",
        "createdAt:string",
        "decidedAt?:string",
        "hasResult:boolean",
        "tasks:array");
    object(s, "JobResult", "jobId:string", "status:string", "output?:string:base64");
    object(s, "LeaseRequest", "role:string:provider or validator", "waitMillis?:integer");
    object(
        s,
        "Lease",
        "taskId:string",
        "leaseId:string",
        "deadline:string",
        "kind:string",
        "jobId:string",
        "replica:integer",
        "workload:object",
        "scheme:string",
        "parameters:string:base64 CBOR",
        "jobInput:string:base64",
        "taskInput:string:base64, what a provider runs",
        "work?:string:base64, a validator's work",
        "lockedStake:string");
    object(
        s,
        "LeaseBatchRequest",
        "role:string:provider or validator",
        "max:integer:1.." + Coordination.MAX_BATCH,
        "waitMillis?:integer");
    object(s, "LeaseBatch", "leases:array:Lease objects, in lease order (batch-op = index)");
    object(
        s,
        "TaskBatchRequest",
        "ops:array:1.." + Coordination.MAX_BATCH + " TaskBatchOp objects, at most one per taskId");
    object(
        s,
        "TaskBatchOp",
        "op:string:commit, challenge, respond, report, heartbeat or release",
        "taskId:string",
        "leaseId:string",
        "commitment?:string:base64, commit only",
        "response?:string:base64, respond only",
        "report?:string:base64, report only");
    object(s, "TaskBatchResults", "results:array:TaskBatchResult objects, in the order of ops");
    object(
        s,
        "TaskBatchResult",
        "taskId:string",
        "op:string",
        "status:integer:the HTTP status the single endpoint would have answered",
        "body?:object:its answer (Challenge, TaskOutcome, LeaseDeadline or Released) when 200",
        "error?:string:its error code when refused",
        "reason?:string:why it was refused");
    object(s, "LeaseRef", "leaseId:string");
    object(s, "CommitRequest", "leaseId:string", "commitment:string:base64");
    object(
        s,
        "Challenge",
        "taskId:string",
        "ready:boolean",
        "challenge?:string:base64",
        "leaseDeadline:string");
    object(s, "ResponseRequest", "leaseId:string", "response:string:base64");
    object(s, "ReportRequest", "leaseId:string", "report:string:base64");
    object(s, "TaskOutcome", "taskId:string", "state:string", "detail?:string");
    object(s, "LeaseDeadline", "taskId:string", "leaseDeadline:string");
    object(s, "Released", "taskId:string", "released:boolean");
    object(s, "DisputeRequests", "requests:array");
    object(s, "DisputeAnswer", "taskId:string", "answer:string:base64");
    object(s, "Answered", "disputeId:string", "answered:boolean");
    object(
        s,
        "TreeHead",
        "tree_size:integer",
        "timestamp:integer:milliseconds since the epoch",
        "sha256_root_hash:string:base64",
        "tree_head_signature:string:base64 Ed25519 signature over the canonical head",
        "key_id:string:base64 node id (SHA-256 of the coordinator's public key)");
    object(s, "LogEntries", "entries:array:{leaf_input: base64 entry, extra_data: \"\"}");
    object(s, "InclusionProof", "leaf_index:integer", "audit_path:array:base64 hashes");
    object(s, "ConsistencyProof", "consistency:array:base64 hashes");
    object(
        s,
        "LedgerBalances",
        "tree_size:integer",
        "balances:array:{account: string, micros: integer}");
    return doc;
  }

  /** A closed object schema from "name[?]:type[:description]" fields (? marks optional). */
  private static void object(ObjectNode schemas, String name, String... fields) {
    ObjectNode o = schemas.putObject(name);
    o.put("type", "object");
    o.put("additionalProperties", false);
    ObjectNode props = o.putObject("properties");
    ArrayNode required = o.putArray("required");
    for (String f : fields) {
      String[] parts = f.split(":", 3);
      boolean optional = parts[0].endsWith("?");
      String field = optional ? parts[0].substring(0, parts[0].length() - 1) : parts[0];
      ObjectNode p = props.putObject(field);
      p.put("type", parts[1]);
      if (parts.length > 2) {
        p.put("description", parts[2]);
      }
      if (!optional) {
        required.add(field);
      }
    }
  }
}
