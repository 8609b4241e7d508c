package io.chronoshadow.devstack.workload;

import io.chronoshadow.devstack.workload.ShopOperations.AdvanceOrder;
import io.chronoshadow.devstack.workload.ShopOperations.CancelOrder;
import io.chronoshadow.devstack.workload.ShopOperations.ChangePrice;
import io.chronoshadow.devstack.workload.ShopOperations.DeleteCustomer;
import io.chronoshadow.devstack.workload.ShopOperations.LineRequest;
import io.chronoshadow.devstack.workload.ShopOperations.PayOrder;
import io.chronoshadow.devstack.workload.ShopOperations.PlaceOrder;
import io.chronoshadow.devstack.workload.ShopOperations.RegisterCustomer;
import io.chronoshadow.devstack.workload.ShopOperations.RestockLowestStock;
import io.chronoshadow.devstack.workload.ShopOperations.RestockProduct;
import io.chronoshadow.devstack.workload.ShopOperations.UpdateCustomer;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Decides what step n does. The choice and every parameter come from a generator keyed by (seed, n)
 * plus the planner's own bookkeeping (ids handed out, the order life cycle as planned), never from
 * the database's answers or the clock. Ids are allocated here, so the database never picks one.
 * Starting from the same database state, two planners with the same seed therefore produce the same
 * operations, and executed serially, the same final state.
 */
final class OperationPlanner {

  private static final long STEP_STREAM = 0x53544550L;
  private static final long BOOKKEEPING_STREAM = 0x424f4f4bL;
  private static final int TRACKED_ORDERS = 5_000;
  private static final int MIN_LIVE_CUSTOMERS = 10;

  /** Operation kinds with their share of the everyday mix, in percent. */
  enum Kind {
    PLACE_ORDER(34),
    PAY_ORDER(20),
    SHIP_ORDER(14),
    DELIVER_ORDER(10),
    CANCEL_ORDER(4),
    RESTOCK(2),
    RESTOCK_LOWEST(2),
    CHANGE_PRICE(6),
    REGISTER_CUSTOMER(5),
    UPDATE_CUSTOMER(2),
    DELETE_CUSTOMER(1);

    final int weight;

    Kind(int weight) {
      this.weight = weight;
    }

    static Kind draw(DeterministicRandom random) {
      int ticket = random.nextInt(TOTAL_WEIGHT);
      for (Kind kind : values()) {
        ticket -= kind.weight;
        if (ticket < 0) {
          return kind;
        }
      }
      throw new AssertionError("weights changed without TOTAL_WEIGHT");
    }
  }

  private static final int TOTAL_WEIGHT = 100;

  /** Share of steps that place an order; an ORDER_SPIKE scales this part of the traffic. */
  static final double ORDER_SHARE = Kind.PLACE_ORDER.weight / (double) TOTAL_WEIGHT;

  private final long seed;
  private final Instant epoch;
  private final double microsPerStep;
  private final DeterministicRandom bookkeeping;

  private long nextStep;
  private long nextCustomerId;
  private long nextOrderId;
  private long nextPaymentId;
  private long productCount;
  private final PickList liveCustomers = new PickList(Integer.MAX_VALUE);
  private final PickList pendingOrders = new PickList(TRACKED_ORDERS);
  private final PickList paidOrders = new PickList(TRACKED_ORDERS);
  private final PickList shippedOrders = new PickList(TRACKED_ORDERS);

  private OperationPlanner(WorkloadConfig config) {
    this.seed = config.seed();
    this.epoch = config.businessEpoch();
    this.microsPerStep = 1_000_000.0 / config.baseRatePerSecond();
    this.bookkeeping = DeterministicRandom.forCoordinates(seed, BOOKKEEPING_STREAM, 0);
  }

  /**
   * A planner continuing from what the database holds: next ids after the highest ones, the live
   * customers, and the orders still in their life cycle. On a freshly seeded database this is a
   * function of the seed alone.
   */
  static OperationPlanner load(Connection connection, WorkloadConfig config) throws SQLException {
    OperationPlanner planner = new OperationPlanner(config);
    try (Statement s = connection.createStatement()) {
      try (ResultSet rs =
          s.executeQuery(
              "SELECT (SELECT coalesce(max(customer_id), 0) FROM shop.customers),"
                  + " (SELECT coalesce(max(order_id), 0) FROM shop.orders),"
                  + " (SELECT coalesce(max(payment_id), 0) FROM shop.payments),"
                  + " (SELECT coalesce(max(product_id), 0) FROM shop.products)")) {
        rs.next();
        planner.nextCustomerId = rs.getLong(1) + 1;
        planner.nextOrderId = rs.getLong(2) + 1;
        planner.nextPaymentId = rs.getLong(3) + 1;
        planner.productCount = rs.getLong(4);
      }
      try (ResultSet rs =
          s.executeQuery("SELECT customer_id FROM shop.customers ORDER BY customer_id")) {
        while (rs.next()) {
          planner.liveCustomers.addInitial(rs.getLong(1));
        }
      }
      try (ResultSet rs =
          s.executeQuery(
              "SELECT order_id, status FROM shop.orders WHERE status IN ('PENDING', 'PAID',"
                  + " 'SHIPPED') ORDER BY order_id DESC")) {
        while (rs.next()) {
          planner.listFor(rs.getString(2)).addInitial(rs.getLong(1));
        }
      }
    }
    if (planner.productCount == 0) {
      throw new IllegalStateException("shop.products is empty: seed the database first");
    }
    return planner;
  }

  private PickList listFor(String status) {
    return switch (status) {
      case "PENDING" -> pendingOrders;
      case "PAID" -> paidOrders;
      default -> shippedOrders;
    };
  }

  /** Number of the step {@link #next()} will plan. */
  synchronized long nextStep() {
    return nextStep;
  }

  /** Plans the next everyday step. */
  synchronized ShopOperation next() {
    long step = nextStep++;
    DeterministicRandom random = DeterministicRandom.forCoordinates(seed, STEP_STREAM, step);
    Instant at = businessTime(step);
    Kind kind = Kind.draw(random);
    ShopOperation op =
        switch (kind) {
          case PLACE_ORDER -> null;
          case PAY_ORDER -> pendingOrders.isEmpty() ? null : pay(random, at);
          case SHIP_ORDER ->
              paidOrders.isEmpty() ? null : advance(paidOrders, shippedOrders, "PAID", random, at);
          case DELIVER_ORDER ->
              shippedOrders.isEmpty() ? null : advance(shippedOrders, null, "SHIPPED", random, at);
          case CANCEL_ORDER -> cancel(random, at);
          case RESTOCK ->
              new RestockProduct(
                  1 + random.nextInt((int) productCount), random.nextInt(10, 100), at);
          case RESTOCK_LOWEST -> new RestockLowestStock(random.nextInt(50, 200), at);
          case CHANGE_PRICE -> changePrice(random, at);
          case REGISTER_CUSTOMER -> register(random, at);
          case UPDATE_CUSTOMER -> liveCustomers.isEmpty() ? null : updateCustomer(step, random, at);
          case DELETE_CUSTOMER ->
              liveCustomers.size() <= MIN_LIVE_CUSTOMERS
                  ? null
                  : new DeleteCustomer(liveCustomers.removeRandom(random));
        };
    // nothing to act on (no order in that state yet, …): shops mostly take orders anyway
    if (op == null) {
      op = liveCustomers.isEmpty() ? register(random, at) : placeOrder(random, at);
    }
    return op;
  }

  /** An order outside the everyday sequence (ORDER_SPIKE), drawn from the caller's generator. */
  synchronized ShopOperation extraOrder(DeterministicRandom random) {
    Instant at = businessTime(nextStep);
    return liveCustomers.isEmpty() ? register(random, at) : placeOrder(random, at);
  }

  /** Business timestamp of the step about to be planned, for operations outside the sequence. */
  synchronized Instant currentBusinessTime() {
    return businessTime(nextStep);
  }

  long productCount() {
    return productCount;
  }

  private Instant businessTime(long step) {
    return epoch.plusNanos(Math.round(step * microsPerStep) * 1_000L);
  }

  private PlaceOrder placeOrder(DeterministicRandom random, Instant at) {
    long customerId = liveCustomers.pick(random);
    int lineCount = drawLineCount(random);
    TreeSet<Long> productIds = new TreeSet<>();
    while (productIds.size() < Math.min(lineCount, productCount)) {
      productIds.add(1L + random.nextInt((int) productCount));
    }
    List<LineRequest> lines = new ArrayList<>();
    for (long productId : productIds) {
      lines.add(new LineRequest(productId, drawQuantity(random)));
    }
    String method = ShopVocabulary.pick(random, ShopVocabulary.PAYMENT_METHODS);
    long orderId = nextOrderId++;
    pendingOrders.add(orderId, bookkeeping);
    return new PlaceOrder(orderId, nextPaymentId++, customerId, lines, method, at);
  }

  private static int drawLineCount(DeterministicRandom random) {
    int roll = random.nextInt(100);
    return roll < 40 ? 1 : roll < 70 ? 2 : roll < 85 ? 3 : roll < 95 ? 4 : 5;
  }

  private static int drawQuantity(DeterministicRandom random) {
    int roll = random.nextInt(100);
    return roll < 70 ? 1 : roll < 90 ? 2 : random.nextInt(3, 4);
  }

  private ShopOperation pay(DeterministicRandom random, Instant at) {
    long orderId = pendingOrders.removeRandom(random);
    paidOrders.add(orderId, bookkeeping);
    return new PayOrder(orderId, at);
  }

  private ShopOperation advance(
      PickList from, PickList to, String fromStatus, DeterministicRandom random, Instant at) {
    long orderId = from.removeRandom(random);
    if (to != null) {
      to.add(orderId, bookkeeping);
    }
    String toStatus = "PAID".equals(fromStatus) ? "SHIPPED" : "DELIVERED";
    return new AdvanceOrder(orderId, fromStatus, toStatus, at);
  }

  private ShopOperation cancel(DeterministicRandom random, Instant at) {
    int candidates = pendingOrders.size() + paidOrders.size();
    if (candidates == 0) {
      return null;
    }
    PickList from = random.nextInt(candidates) < pendingOrders.size() ? pendingOrders : paidOrders;
    return new CancelOrder(from.removeRandom(random), at);
  }

  private ShopOperation changePrice(DeterministicRandom random, Instant at) {
    int percent = random.nextInt(-8, 10);
    if (percent == 0) {
      percent = 1;
    }
    // an exact decimal such as 0.95 or 1.07: numeric arithmetic then rounds identically everywhere
    BigDecimal factor = BigDecimal.valueOf(100 + percent, 2);
    return new ChangePrice(1 + random.nextInt((int) productCount), factor, at);
  }

  private ShopOperation register(DeterministicRandom random, Instant at) {
    long id = nextCustomerId++;
    String name = ShopVocabulary.fullName(random);
    liveCustomers.add(id, bookkeeping);
    return new RegisterCustomer(
        id,
        ShopVocabulary.email(name, id, "example.net"),
        name,
        ShopVocabulary.pick(random, ShopVocabulary.COUNTRIES),
        random.chance(0.2) ? null : ShopVocabulary.birthDate(random),
        at);
  }

  private ShopOperation updateCustomer(long step, DeterministicRandom random, Instant at) {
    long id = liveCustomers.pick(random);
    // the step number keeps the address unique however often a customer edits it
    String email = "customer." + id + ".s" + step + "@example.org";
    return new UpdateCustomer(
        id, email, ShopVocabulary.pick(random, ShopVocabulary.COUNTRIES), !random.chance(0.1), at);
  }
}
