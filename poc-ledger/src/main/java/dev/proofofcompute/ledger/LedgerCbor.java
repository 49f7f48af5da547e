package dev.proofofcompute.ledger;

import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.cbor.CborInteger;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.cbor.CborValue;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.money.Amount;

/**
 * The field encodings shared by the ledger's CBOR forms: amounts as unsigned integers of
 * micro-units, node ids as 32-byte strings, accounts and ids as text, terms and splits as maps.
 * Every reader rejects unknown keys and values out of range with a {@link DecodingException} naming
 * the field.
 */
final class LedgerCbor {
  private LedgerCbor() {}

  static CborValue amount(Amount amount) {
    return CborInteger.of(amount.units());
  }

  static Amount amount(CborMap map, String key) throws DecodingException {
    long units = map.getLong(key);
    if (units < 0) {
      throw new DecodingException("field '" + key + "' is an amount and cannot be negative");
    }
    return Amount.of(units);
  }

  static NodeId node(CborMap map, String key) throws DecodingException {
    return new NodeId(map.getDigest(key));
  }

  static AccountId account(CborMap map, String key) throws DecodingException {
    try {
      return AccountId.parse(map.getText(key));
    } catch (IllegalArgumentException e) {
      throw new DecodingException("field '" + key + "': " + e.getMessage(), e);
    }
  }

  static String id(CborMap map, String key, String what) throws DecodingException {
    try {
      return Ids.require(what, map.getText(key));
    } catch (IllegalArgumentException e) {
      throw new DecodingException("field '" + key + "': " + e.getMessage(), e);
    }
  }

  static CborMap split(SlashSplit split) {
    return CborMap.builder()
        .put("requester", split.requesterBps())
        .put("treasury", split.treasuryBps())
        .put("challenger", split.challengerBps())
        .build();
  }

  static SlashSplit split(CborMap map) throws DecodingException {
    map.requireOnlyKeys("requester", "treasury", "challenger");
    int r = bps(map, "requester");
    int t = bps(map, "treasury");
    int c = bps(map, "challenger");
    try {
      return new SlashSplit(r, t, c);
    } catch (IllegalArgumentException e) {
      throw new DecodingException("split: " + e.getMessage(), e);
    }
  }

  private static int bps(CborMap map, String key) throws DecodingException {
    long v = map.getLong(key);
    if (v < 0 || v > SlashSplit.TOTAL_BPS) {
      throw new DecodingException("split field '" + key + "' out of range: " + v);
    }
    return (int) v;
  }

  static CborMap terms(JobTerms terms) {
    return CborMap.builder()
        .put("reward", amount(terms.rewardPerTask()))
        .put("fee", amount(terms.validatorFeePerTask()))
        .put("tasks", terms.tasks())
        .put("min-stake", amount(terms.minStake()))
        .put("split", split(terms.split()))
        .build();
  }

  static JobTerms terms(CborMap map) throws DecodingException {
    map.requireOnlyKeys("reward", "fee", "tasks", "min-stake", "split");
    Amount reward = amount(map, "reward");
    Amount fee = amount(map, "fee");
    long tasks = map.getLong("tasks");
    if (tasks < 1 || tasks > JobTerms.MAX_TASKS) {
      throw new DecodingException("terms field 'tasks' out of range: " + tasks);
    }
    Amount minStake = amount(map, "min-stake");
    SlashSplit split = split(map.getMap("split"));
    try {
      return new JobTerms(reward, fee, (int) tasks, minStake, split);
    } catch (IllegalArgumentException e) {
      throw new DecodingException("terms: " + e.getMessage(), e);
    }
  }
}
