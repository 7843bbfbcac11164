package io.tidbsync.state.file;

import static java.util.Objects.requireNonNull;

import io.tidbsync.domain.failure.StateException;
import io.tidbsync.domain.failure.Transience;
import io.tidbsync.domain.model.SyncState;
import io.tidbsync.domain.port.StatePort;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * State in a JSON file. A save writes a temporary file beside it (mode 0600), forces it to disk,
 * renames it over the old file atomically and forces the folder, so a crash leaves the old or the
 * new state, never a torn file.
 */
public final class FileStateStore implements StatePort {
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private final Path file;
  private final StateJson json = new StateJson();
  private FileChannel lockChannel;
  private java.nio.channels.FileLock lock;

  public FileStateStore(FileStateConfig config) {
    this.file = requireNonNull(config, "config is null").file().toAbsolutePath();
  }

  /**
   * Takes the state's lock: an OS lock on {@code <file>.lock}, which ends with the process that
   * holds it, so a second run fails fast and a crashed one never blocks the next.
   */
  private synchronized void lock() {
    if (lock != null) {
      return;
    }
    Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
    try {
      Files.createDirectories(file.getParent());
      FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      java.nio.channels.FileLock taken;
      try {
        taken = channel.tryLock();
      } catch (java.nio.channels.OverlappingFileLockException e) {
        taken = null;
      }
      if (taken == null) {
        channel.close();
        throw new StateException("another sync holds the lock on state file " + file + " (" + lockFile
            + "; a second run against the same state stops here; the lock ends when that run ends or its process dies)",
            Transience.PERMANENT);
      }
      lockChannel = channel;
      lock = taken;
    } catch (IOException e) {
      throw new StateException("cannot lock state file " + file + ": " + e.getMessage(), Transience.PERMANENT, e);
    }
  }

  @Override
  public synchronized void close() {
    if (lockChannel != null) {
      try {
        lockChannel.close();
      } catch (IOException ignored) {
        // closing the channel releases the lock; the OS does so at exit regardless
      }
      lockChannel = null;
      lock = null;
    }
  }

  @Override
  public SyncState load() {
    lock();
    return read();
  }

  /** The file is replaced atomically, so reading it without the lock sees a whole state. */
  @Override
  public SyncState peek() {
    return read();
  }

  private SyncState read() {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return SyncState.EMPTY;
    } catch (java.nio.charset.CharacterCodingException e) {
      throw corrupt("it is not UTF-8 text", e);
    } catch (java.nio.file.AccessDeniedException e) {
      throw new StateException("cannot read state file " + file + ": permission denied (the user running tidb-sync"
          + " must be able to read and replace it)", Transience.PERMANENT, e);
    } catch (IOException e) {
      throw new StateException("cannot read state file " + file + ": " + e.getMessage(), Transience.PERMANENT, e);
    }
    // tidb-sync replaces the file whole, never leaves it empty: an empty one was truncated by
    // something else, and reading it as "no state" would silently start every table over.
    if (text.isBlank()) {
      throw corrupt("it is empty", null);
    }
    try {
      return json.parse(text);
    } catch (IllegalArgumentException e) {
      throw corrupt(e.getMessage(), e);
    }
  }

  private StateException corrupt(String why, Exception cause) {
    return new StateException("state file " + file + " is corrupt: " + why
        + " (restore it from a backup, repair it, or move it away to start over with a full sync)",
        Transience.PERMANENT, cause);
  }

  @Override
  public void save(SyncState state) {
    lock();
    byte[] bytes = json.format(state).getBytes(StandardCharsets.UTF_8);
    Path folder = file.getParent();
    Path temp = null;
    try {
      Files.createDirectories(folder);
      temp = Files.createTempFile(folder, "." + file.getFileName() + ".", ".tmp", ownerOnly());
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("the file system of " + folder + " cannot replace files atomically", e);
      }
      temp = null;
      forceFolder(folder);
    } catch (IOException e) {
      throw new StateException("cannot write state file " + file + ": " + e.getMessage(), Transience.PERMANENT, e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // the save already failed; a stray temporary file is harmless and named as such
        }
      }
    }
  }

  private static FileAttribute<?>[] ownerOnly() {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)};
    }
    return new FileAttribute<?>[0];
  }

  /** Makes the rename itself durable (POSIX); a no-op where folders cannot be opened. */
  private static void forceFolder(Path folder) {
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException ignored) {
      // Windows cannot open a folder as a channel; its rename is durable on its own terms.
    }
  }

  public Path file() {
    return file;
  }
}
