package io.chronoshadow.shadow.read;

import java.util.List;
import java.util.Map;

/** The rows of a table at one shadow. */
public record ShadowRows(ShadowRef shadow, List<Map<String, Object>> rows) {}
