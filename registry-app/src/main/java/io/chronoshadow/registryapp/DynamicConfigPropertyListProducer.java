package io.chronoshadow.registryapp;

import io.apicurio.common.apps.config.Dynamic;
import io.apicurio.common.apps.config.DynamicConfigPropertyDef;
import io.apicurio.common.apps.config.DynamicConfigPropertyList;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import javax.enterprise.inject.Produces;
import javax.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Supplies the {@link DynamicConfigPropertyList} bean that Apicurio's {@code
 * apicurio-common-app-components-config-index} Quarkus extension would have generated at build
 * time. That extension cannot be used here: its deployment artifact is not on Maven Central, so it
 * is excluded from the build and {@code DynamicConfigPropertyIndexImpl} would otherwise have an
 * unsatisfied injection point.
 *
 * <p>Instead of a build-time Jandex scan we read the same annotations by reflection at start-up,
 * from the few classes that declare them, so that the admin API's dynamic configuration keeps
 * working as upstream.
 */
public class DynamicConfigPropertyListProducer {

  private static final Logger LOG = Logger.getLogger(DynamicConfigPropertyListProducer.class);

  /**
   * Every class of Apicurio Registry 2.4.2.Final (and its common app components 0.1.18.Final) that
   * has a {@code @Dynamic} field. Found by searching their class files for the annotation; recheck
   * when upgrading. A class missing from a later version is skipped, not fatal.
   */
  static final List<String> DYNAMIC_CONFIG_HOLDERS =
      List.of(
          "io.apicurio.registry.rest.RestConfig",
          "io.apicurio.registry.rest.v2.AdminResourceImpl",
          "io.apicurio.registry.ui.config.UiConfigProperties",
          "io.apicurio.registry.auth.AuthConfig",
          "io.apicurio.registry.ccompat.store.CCompatConfig",
          "io.apicurio.common.apps.auth.authn.AppAuthenticationMechanism");

  @Produces
  @Singleton
  DynamicConfigPropertyList dynamicConfigProperties() {
    List<DynamicConfigPropertyDef> defs = discover(DYNAMIC_CONFIG_HOLDERS, loader());
    LOG.debugf("Indexed %d dynamic configuration properties", defs.size());
    return new DynamicConfigPropertyList(defs);
  }

  static List<DynamicConfigPropertyDef> discover(List<String> classNames, ClassLoader loader) {
    List<DynamicConfigPropertyDef> defs = new ArrayList<>();
    for (String className : classNames) {
      Class<?> holder;
      try {
        // Not initialised: we only read annotations, the class belongs to CDI.
        holder = Class.forName(className, false, loader);
      } catch (ClassNotFoundException e) {
        LOG.warnf(
            "Dynamic configuration holder %s not found; its properties stay static", className);
        continue;
      }
      for (Field field : holder.getDeclaredFields()) {
        DynamicConfigPropertyDef def = toDef(field);
        if (def != null) {
          defs.add(def);
        }
      }
    }
    return defs;
  }

  private static DynamicConfigPropertyDef toDef(Field field) {
    Dynamic dynamic = field.getAnnotation(Dynamic.class);
    ConfigProperty property = field.getAnnotation(ConfigProperty.class);
    if (dynamic == null || property == null) {
      return null;
    }
    String defaultValue =
        ConfigProperty.UNCONFIGURED_VALUE.equals(property.defaultValue())
            ? null
            : property.defaultValue();
    DynamicConfigPropertyDef def =
        new DynamicConfigPropertyDef(property.name(), valueType(field), defaultValue);
    def.setLabel(dynamic.label());
    def.setDescription(dynamic.description());
    def.setRequires(dynamic.requires());
    return def;
  }

  /** Dynamic properties are injected as {@code Supplier<T>}; the definition wants {@code T}. */
  private static Class<?> valueType(Field field) {
    Type generic = field.getGenericType();
    if (generic instanceof ParameterizedType parameterized) {
      Type argument = parameterized.getActualTypeArguments()[0];
      if (argument instanceof Class<?> type) {
        return type;
      }
    }
    return field.getType();
  }

  private static ClassLoader loader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : DynamicConfigPropertyListProducer.class.getClassLoader();
  }
}
