package io.chronoshadow.console.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chronoshadow.devstack.DevStack;
import io.chronoshadow.devstack.DevStackConfig;
import io.chronoshadow.devstack.workload.ShopSchema;
import io.chronoshadow.shadow.app.ShadowStreamsApp;
import io.chronoshadow.shadow.app.ShadowStreamsConfig;
import io.chronoshadow.shadow.catalog.CatalogSettings;
import io.chronoshadow.shadow.policy.BucketPolicy;
import io.chronoshadow.shadow.policy.PolicyCodec;
import io.chronoshadow.shadow.topology.ShadowTopics;
import java.util.Map;

/** The shadow topology as the demo runs it: the shop group, on the embedded stack's services. */
public final class DemoShadows {

  static final String GROUP = "shop";
  static final String CATALOG_NAME = "chrono";

  /**
   * Short buckets, so that shadows appear within seconds of the workload starting: cut when about
   * 2,000 changes have accumulated, at least every 10 s and at most every 2 min.
   */
  static final String DEFAULT_POLICY =
      "{\"type\":\"adaptive\",\"min\":\"PT10S\",\"max\":\"PT2M\",\"targetChanges\":2000}";

  private DemoShadows() {}

  /** Parses a policy in its JSON wire form; the message names the field at fault. */
  static BucketPolicy parsePolicy(String json) {
    try {
      return PolicyCodec.policyFromTree(new ObjectMapper().readTree(json));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "--policy is not valid JSON (" + e.getOriginalMessage() + "), e.g. " + DEFAULT_POLICY);
    }
  }

  /** The Iceberg catalog on the embedded stack: its PostgreSQL catalog database and S3 store. */
  public static CatalogSettings catalog(DevStack stack) {
    DevStackConfig config = stack.config();
    return new CatalogSettings(
        stack.s3Endpoint(),
        stack.s3().bucket(),
        stack.s3().accessKey(),
        stack.s3().secretKey(),
        stack.s3().region(),
        stack.catalogJdbcUrl(),
        config.postgresUser(),
        config.postgresPassword(),
        CATALOG_NAME);
  }

  static ShadowStreamsApp start(DevStack stack, BucketPolicy policy) {
    DevStackConfig config = stack.config();
    ShadowStreamsConfig shadows =
        new ShadowStreamsConfig(
            stack.bootstrapServers(),
            stack.registryUrl(),
            catalog(stack),
            GROUP,
            ShadowTopics.defaults(config.topicPrefix()),
            policy,
            null,
            config.dataDir().resolve("shadow-streams"),
            null,
            Map.of(),
            // The shop's tables keep their bare names: shop.orders, not shop.shop__orders.
            ShopSchema.SCHEMA);
    ShadowStreamsApp app = ShadowStreamsApp.create(shadows);
    app.start();
    return app;
  }
}
