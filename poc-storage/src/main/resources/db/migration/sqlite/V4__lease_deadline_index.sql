-- Lapsed leases are found by their deadline (lease expiry, and the lease queue's second choice),
-- not by reading every leased task: the lease path runs both on every lease request, and with a
-- few hundred tasks in flight that scan was most of a lease's time.
CREATE INDEX tasks_lease_deadline ON tasks (state, lease_deadline);
