package io.tidbsync.app.fivetran;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Log lines as the partner SDK wants them on standard output: one JSON object per line with
 * {@code level} (INFO, WARNING or SEVERE), {@code message} and {@code message-origin}.
 */
public final class FivetranLogLayout extends LayoutBase<ILoggingEvent> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String doLayout(ILoggingEvent event) {
    Map<String, String> line = new LinkedHashMap<>();
    line.put("level", level(event.getLevel()));
    String message = event.getFormattedMessage();
    IThrowableProxy error = event.getThrowableProxy();
    if (error != null) {
      message += " (" + error.getClassName() + ": " + error.getMessage() + ")";
    }
    line.put("message", message);
    line.put("message-origin", "sdk_connector");
    try {
      return JSON.writeValueAsString(line) + "\n";
    } catch (JsonProcessingException e) {
      return "{\"level\":\"SEVERE\",\"message\":\"unloggable message\",\"message-origin\":\"sdk_connector\"}\n";
    }
  }

  static String level(Level level) {
    if (level.isGreaterOrEqual(Level.ERROR)) {
      return "SEVERE";
    }
    return level.isGreaterOrEqual(Level.WARN) ? "WARNING" : "INFO";
  }
}
