-- Demo source schema for Chrono-Shadow. Idempotent: safe to run on every start.
-- Every table has a primary key (the shadows' identifier fields); order_lines has a composite one.
-- REPLICA IDENTITY FULL gives Debezium complete before-images for updates and deletes.

CREATE SCHEMA IF NOT EXISTS shop;

CREATE TABLE IF NOT EXISTS shop.customers (
  customer_id    bigint      PRIMARY KEY,
  email          text        NOT NULL UNIQUE,
  full_name      text        NOT NULL,
  country_code   text        NOT NULL,
  birth_date     date,
  is_active      boolean     NOT NULL DEFAULT true,
  loyalty_points integer     NOT NULL DEFAULT 0,
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL
);

CREATE TABLE IF NOT EXISTS shop.products (
  product_id  bigint        PRIMARY KEY,
  sku         text          NOT NULL UNIQUE,
  name        text          NOT NULL,
  category    text          NOT NULL,
  price       numeric(10,2) NOT NULL CHECK (price > 0),
  stock_level integer       NOT NULL CHECK (stock_level >= 0),
  is_active   boolean       NOT NULL DEFAULT true,
  updated_at  timestamptz   NOT NULL
);

-- Orders outlive their customer (accounting keeps them): deleting a customer nulls the reference.
CREATE TABLE IF NOT EXISTS shop.orders (
  order_id    bigint        PRIMARY KEY,
  customer_id bigint        REFERENCES shop.customers (customer_id) ON DELETE SET NULL,
  status      text          NOT NULL
              CHECK (status IN ('PENDING', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED')),
  total       numeric(12,2) NOT NULL CHECK (total >= 0),
  placed_at   timestamptz   NOT NULL,
  updated_at  timestamptz   NOT NULL
);
CREATE INDEX IF NOT EXISTS orders_customer_idx ON shop.orders (customer_id);

CREATE TABLE IF NOT EXISTS shop.order_lines (
  order_id   bigint        NOT NULL REFERENCES shop.orders (order_id) ON DELETE CASCADE,
  line_no    integer       NOT NULL,
  product_id bigint        NOT NULL REFERENCES shop.products (product_id),
  quantity   integer       NOT NULL CHECK (quantity > 0),
  unit_price numeric(10,2) NOT NULL,
  line_total numeric(12,2) NOT NULL,
  PRIMARY KEY (order_id, line_no)
);
CREATE INDEX IF NOT EXISTS order_lines_product_idx ON shop.order_lines (product_id);

CREATE TABLE IF NOT EXISTS shop.payments (
  payment_id    bigint        PRIMARY KEY,
  order_id      bigint        NOT NULL UNIQUE REFERENCES shop.orders (order_id) ON DELETE CASCADE,
  method        text          NOT NULL,
  status        text          NOT NULL
                CHECK (status IN ('AUTHORIZED', 'CAPTURED', 'VOIDED', 'REFUNDED')),
  amount        numeric(12,2) NOT NULL,
  authorized_at timestamptz   NOT NULL,
  captured_at   timestamptz
);

ALTER TABLE shop.customers   REPLICA IDENTITY FULL;
ALTER TABLE shop.products    REPLICA IDENTITY FULL;
ALTER TABLE shop.orders      REPLICA IDENTITY FULL;
ALTER TABLE shop.order_lines REPLICA IDENTITY FULL;
ALTER TABLE shop.payments    REPLICA IDENTITY FULL;
