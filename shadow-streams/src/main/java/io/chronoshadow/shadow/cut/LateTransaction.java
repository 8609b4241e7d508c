package io.chronoshadow.shadow.cut;

import java.util.Objects;

/**
 * A transaction whose source commit time lies before a cut that was already closed when it arrived.
 * In commit order that cannot happen; it means the source's clock stepped back past a cut or
 * capture broke its ordering (several partitions on the transaction topic, two connectors on one
 * prefix). The transaction is not lost — it joins the open shadow — but the shadow it belonged to
 * by its commit time lacks it, so the group is unhealthy until an operator has looked.
 *
 * @param missedShadowId the closed shadow whose cut is after the transaction's commit time
 */
public record LateTransaction(String txId, long commitMillis, String missedShadowId) {

  public LateTransaction {
    Objects.requireNonNull(txId, "txId");
    Objects.requireNonNull(missedShadowId, "missedShadowId");
  }
}
