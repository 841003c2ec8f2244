package com.mobilityhub.coordinator;

import com.arjuna.ats.arjuna.common.ObjectStoreEnvironmentBean;
import com.arjuna.ats.arjuna.common.Uid;
import com.arjuna.ats.arjuna.exceptions.ObjectStoreException;
import com.arjuna.ats.arjuna.state.OutputObjectState;
import com.arjuna.ats.internal.arjuna.objectstore.ShadowNoFileLockStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Narayana's default file store, except that a state is never rewritten in place: each write goes to a scratch file
 * that is synced and then renamed over the old one, so a reader (or a coordinator restarted after kill -9) sees the
 * previous state or the new one, never a truncated file.
 *
 * <p>Why: Narayana's {@code ShadowingStore} writes a committed state by truncating the file and writing it again. A
 * coordinator killed between the two left an empty LRA file: on restart that LRA could not be read, so its
 * participants were never completed or compensated and the bookings stayed pending (CoordinatorCrashIT).
 *
 * <p>Scratch files live in {@value #SCRATCH_DIR} beside the store's own directory (same file system, so the rename is
 * atomic; outside the store, so recovery never lists them). Leftovers of a crash there are harmless and removed at
 * start.
 */
public class AtomicWriteFileStore extends ShadowNoFileLockStore {

    static final String SCRATCH_DIR = ".atomic-writes";

    private final Path scratch;

    /** Created by Narayana's store manager from its class name, with the store's environment bean. */
    public AtomicWriteFileStore(ObjectStoreEnvironmentBean environment) throws ObjectStoreException {
        super(environment);
        scratch = Path.of(environment.getObjectStoreDir()).toAbsolutePath().resolve(SCRATCH_DIR);
        try {
            Files.createDirectories(scratch);
            try (var leftovers = Files.list(scratch)) {
                for (Path leftover : leftovers.toList()) {
                    Files.deleteIfExists(leftover);
                }
            }
        } catch (IOException e) {
            throw new ObjectStoreException("Cannot prepare the scratch directory " + scratch, e);
        }
    }

    @Override
    protected boolean write_state(Uid uid, String typeName, OutputObjectState state, int stateType)
            throws ObjectStoreException {
        if (typeName == null || state == null || state.length() <= 0) {
            // Narayana's own checks and messages for malformed writes.
            return super.write_state(uid, typeName, state, stateType);
        }
        String path = genPathName(uid, typeName, stateType);
        createHierarchy(path);
        Path target = Path.of(path);
        Path temp = scratch.resolve(uid.fileStringForm() + "-" + UUID.randomUUID());
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(state.buffer(), 0, state.length());
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                if (synchronousWrites()) {
                    out.force(true);
                }
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            if (synchronousWrites()) {
                syncDirectory(target.getParent());
            }
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new ObjectStoreException("Cannot write state " + uid + " of " + typeName + " to " + target, e);
        }
        addToCache(path);
        return true;
    }

    /** Makes the rename itself durable: the new directory entry reaches the disk before the write is reported done. */
    private static void syncDirectory(Path directory) throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a scratch file; removed at the next start
        }
    }
}
