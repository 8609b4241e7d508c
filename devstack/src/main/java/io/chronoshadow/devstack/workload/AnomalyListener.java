package io.chronoshadow.devstack.workload;

/** Told about every anomaly once it has finished, on the thread that ran it. */
@FunctionalInterface
public interface AnomalyListener {
  void onInjected(AnomalyInjection injection);
}
