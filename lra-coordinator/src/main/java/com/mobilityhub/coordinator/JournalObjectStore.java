package com.mobilityhub.coordinator;

import com.arjuna.ats.arjuna.common.ObjectStoreEnvironmentBean;
import com.arjuna.ats.internal.arjuna.objectstore.hornetq.HornetqJournalEnvironmentBean;
import com.arjuna.ats.internal.arjuna.objectstore.hornetq.HornetqObjectStoreAdaptor;
import com.arjuna.common.internal.util.propertyservice.BeanPopulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Puts the LRA logs (Narayana's default store) in Narayana's Artemis journal under {@code <object-store-dir>/journal}.
 *
 * <p>Why: the file store syncs a file and its directory for every LRA change (start, each join, prepare, end): the
 * journal appends the change to a preallocated file instead, and concurrent appends are synced together. Writes and
 * deletes stay synchronous (Narayana answers only once the record is on disk), so a kill -9 loses nothing it has
 * acknowledged. The journal only holds the default store; Narayana's communication and state stores stay files.
 *
 * <p>LRAs are not moved between the two stores: switching to the journal while the file store still holds unfinished
 * LRAs would hide them, so the coordinator refuses to start then.
 */
final class JournalObjectStore {

    static final String JOURNAL_DIR = "journal";

    private JournalObjectStore() {
    }

    static void configure(Path storeDir, ObjectStoreEnvironmentBean defaultStore) {
        refuseUnfinishedFileStoreLras(storeDir);
        HornetqJournalEnvironmentBean journal = BeanPopulator.getDefaultInstance(HornetqJournalEnvironmentBean.class);
        journal.setStoreDir(storeDir.resolve(JOURNAL_DIR).toString());
        journal.setSyncWrites(true);
        journal.setSyncDeletes(true);
        // Linux AIO needs libaio, which our hosts and images lack: NIO (what docs/benchmarks.md measured), no WARN.
        journal.setAsyncIO(false);
        defaultStore.setObjectStoreType(HornetqObjectStoreAdaptor.class.getName());
    }

    /** True if a journal was written here: its LRAs are invisible to the file store. */
    static boolean exists(Path storeDir) {
        return Files.isDirectory(storeDir.resolve(JOURNAL_DIR));
    }

    static void refuseUnfinishedFileStoreLras(Path storeDir) {
        List<Path> lras = fileStoreLras(storeDir);
        if (!lras.isEmpty()) {
            throw new IllegalStateException(("The file object store in %s still holds %d unfinished LRA(s) (e.g. %s); "
                    + "the journal would not see them. Finish them with mobility.coordinator.object-store=file first.")
                    .formatted(storeDir, lras.size(), lras.getFirst()));
        }
    }

    private static List<Path> fileStoreLras(Path storeDir) {
        List<Path> lras = new java.util.ArrayList<>();
        for (String storeClass : List.of(AtomicWriteFileStore.class.getSimpleName(), "ShadowNoFileLockStore")) {
            Path store = storeDir.resolve(storeClass);
            if (!Files.isDirectory(store)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(store)) {
                files.filter(Files::isRegularFile)
                        .filter(file -> file.toString().contains("/LongRunningAction/"))
                        .forEach(lras::add);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list the file object store " + store, e);
            }
        }
        return lras;
    }
}
