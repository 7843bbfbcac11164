package io.tidbsync.source.tidb;

import static java.util.Objects.requireNonNull;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.tidbsync.domain.model.ColumnSpec;
import io.tidbsync.domain.model.CursorPosition;
import io.tidbsync.domain.model.TableSchema;
import io.tidbsync.domain.port.ReadRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.SortField;

/**
 * The SQL of one keyset page, built with jOOQ: every identifier quoted, every value a bind
 * parameter. The seek predicate is jOOQ's expanded form with the redundant leading
 * {@code cursor >= ?}, which lets the optimizer use a range scan on the cursor index.
 */
final class KeysetQuery {
  private final String database;

  KeysetQuery(String database) {
    this.database = requireNonNull(database, "database is null");
  }

  Query build(DSLContext sql, ReadRequest request) {
    TableSchema schema = request.schema();
    List<Field<?>> columns = new ArrayList<>(schema.columns().size());
    for (ColumnSpec column : schema.columns()) {
      columns.add(field(name(column.name())));
    }
    Field<Object> cursor = field(name(schema.cursor().orElseThrow()));
    List<Field<Object>> key = new ArrayList<>();
    for (String column : schema.primaryKey()) {
      key.add(field(name(column)));
    }
    List<SortField<?>> order = new ArrayList<>();
    order.add(cursor.asc());
    key.forEach(k -> order.add(k.asc()));

    var from = sql.select(columns).from(table(name(database, schema.table().name())));
    if (request.after().isEmpty()) {
      return from.where(cursor.isNotNull()).orderBy(order).limit(request.limit());
    }
    CursorPosition position = request.after().get();
    Object cursorValue = bindable(position.cursor());
    if (position.inclusive()) {
      return from.where(cursor.ge(cursorValue)).orderBy(order).limit(request.limit());
    }
    return from.where(seek(cursor, cursorValue, key, position.key())).orderBy(order).limit(request.limit());
  }

  /**
   * {@code c >= v0 AND (c > v0 OR (c = v0 AND (k1 > v1 OR (k1 = v1 AND k2 > v2 ...))))}: the row
   * comparison {@code (c, k1, k2) > (v0, v1, v2)} in a form every MySQL-protocol optimizer turns
   * into an index range.
   */
  private static Condition seek(Field<Object> cursor, Object cursorValue, List<Field<Object>> key, List<Object> keyValues) {
    Condition tail = null;
    for (int i = key.size() - 1; i >= 0; i--) {
      Object value = bindable(keyValues.get(i));
      Condition greater = key.get(i).gt(value);
      tail = tail == null ? greater : greater.or(key.get(i).eq(value).and(tail));
    }
    Condition strict = cursor.gt(cursorValue).or(cursor.eq(cursorValue).and(tail));
    return cursor.ge(cursorValue).and(strict);
  }

  /**
   * Temporal values bind as MySQL text with six fraction digits: mysql-connector-j drops the
   * fraction of a bound {@code LocalDateTime} when the server reports an old version (MariaDB
   * says "5.5.5-10.x"), which would break ties between rows microseconds apart. The session runs
   * in UTC, so instants bind as their UTC wall-clock time.
   */
  private static Object bindable(Object value) {
    return switch (value) {
      case Instant instant -> MYSQL_DATE_TIME.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
      case LocalDateTime dateTime -> MYSQL_DATE_TIME.format(dateTime);
      case LocalDate date -> date.toString();
      default -> value;
    };
  }

  private static final DateTimeFormatter MYSQL_DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");
}
