package io.chronoshadow.shadow.topology;

import io.chronoshadow.shadow.commit.IncompatibleSchemaException;
import io.chronoshadow.shadow.commit.ShadowCommitResult;
import io.chronoshadow.shadow.commit.ShadowWrite;

/**
 * Where the topology commits a completed shadow: {@code ShadowCommitter::commit} in production.
 * Must be idempotent per shadow id — after a crash the replay recomputes the same shadow and
 * commits it again.
 */
@FunctionalInterface
public interface ShadowSink {

  /**
   * @throws IncompatibleSchemaException when a table's schema changed incompatibly (nothing was
   *     written)
   */
  ShadowCommitResult commit(ShadowWrite write);
}
