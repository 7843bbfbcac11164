package io.tidbsync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time of this process, of another process, and of the source server the bench started. */
final class Cpu {
  private Cpu() {}

  /** User plus system CPU time of this process, all threads, in nanoseconds. */
  static long processNanos() {
    var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean hotspot ? hotspot.getProcessCpuTime() : 0;
  }

  /** User plus system CPU time of a process, in clock ticks (USER_HZ, 100 on Linux). */
  static long ticks(Path stat) throws IOException {
    String text = Files.readString(stat);
    String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /** CPU ticks the source server has used so far, when scripts/bench told us its process id; else 0. */
  static long serverTicks() {
    String pid = System.getenv("TIDBSYNC_BENCH_SERVER_PID");
    if (pid == null) {
      return 0;
    }
    try {
      return ticks(Path.of("/proc", pid.trim(), "stat"));
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
