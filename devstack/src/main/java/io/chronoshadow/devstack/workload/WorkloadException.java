package io.chronoshadow.devstack.workload;

/** The workload could not be set up (schema, seed or first connection failed). */
public class WorkloadException extends RuntimeException {
  public WorkloadException(String message, Throwable cause) {
    super(message, cause);
  }
}
