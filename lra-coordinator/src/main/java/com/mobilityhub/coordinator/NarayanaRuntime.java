package com.mobilityhub.coordinator;

import com.arjuna.ats.arjuna.common.ObjectStoreEnvironmentBean;
import com.arjuna.ats.arjuna.common.RecoveryEnvironmentBean;
import com.arjuna.ats.arjuna.recovery.RecoveryManager;
import com.arjuna.common.internal.util.propertyservice.BeanPopulator;
import io.narayana.lra.coordinator.internal.Implementations;
import io.narayana.lra.coordinator.internal.LRARecoveryModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Owns Narayana's process-wide state: the object store location, the recovery manager and the LRA record types.
 *
 * <p>Narayana reads its environment beans once, when the store or the recovery manager is first touched, and keeps
 * them in statics. Everything is therefore configured here, before anything else (the Jersey resources depend on
 * this bean) can reach Narayana.
 */
@Component
public class NarayanaRuntime implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(NarayanaRuntime.class);

    /** Narayana keeps one environment bean per store: the default one plus these; all must use the durable directory. */
    private static final List<String> NAMED_STORES = List.of("communicationStore", "stateStore");

    /** The store class of earlier versions; its directory is adopted at start (see {@link #adoptLegacyStore}). */
    private static final String LEGACY_STORE_CLASS = "ShadowNoFileLockStore";

    private final CoordinatorProperties properties;
    private volatile boolean initialRecoveryDone;

    public NarayanaRuntime(CoordinatorProperties properties) {
        this.properties = properties;
        Path storeDir = createStoreDir(properties.objectStoreDir());
        configureStores(storeDir, properties.objectStore());
        configureRecovery(properties);
        Implementations.install();
        // Starts the recovery manager (periodic scans) and creates the LRA service the REST resource uses.
        LRARecoveryModule.getService();
        log.info("LRA coordinator object store {} ({}), recovery every {} s (backoff {} s)", storeDir,
                properties.objectStore(), properties.recoveryPeriodSeconds(), properties.recoveryBackoffSeconds());
        Thread.ofVirtual().name("lra-initial-recovery").start(this::reloadUnfinishedLras);
    }

    /** True once the LRAs left in the store by a previous run are loaded, so their URLs answer again. */
    public boolean initialRecoveryDone() {
        return initialRecoveryDone;
    }

    public CoordinatorProperties properties() {
        return properties;
    }

    private void reloadUnfinishedLras() {
        try {
            // Blocks until one full scan has loaded every stored LRA (and replayed closes/cancels that were cut short).
            RecoveryManager.manager().scan();
        } catch (RuntimeException e) {
            log.warn("Initial recovery scan failed; periodic recovery will retry", e);
        } finally {
            initialRecoveryDone = true;
        }
    }

    private static Path createStoreDir(Path configured) {
        Path dir = configured.toAbsolutePath().normalize();
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the LRA object store directory " + dir, e);
        }
    }

    private static void configureStores(Path storeDir, ObjectStoreKind kind) {
        adoptLegacyStore(storeDir);
        ObjectStoreEnvironmentBean defaultStore = BeanPopulator.getDefaultInstance(ObjectStoreEnvironmentBean.class);
        configureStore(defaultStore, storeDir);
        for (String name : NAMED_STORES) {
            configureStore(BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, name), storeDir);
        }
        // The LRAs live in the default store: only that one moves to the journal.
        if (kind == ObjectStoreKind.JOURNAL) {
            JournalObjectStore.configure(storeDir, defaultStore);
        } else if (JournalObjectStore.exists(storeDir)) {
            log.warn("{} holds a journal from an earlier run with object-store=journal; LRAs left in it are not "
                    + "recovered with object-store=file", storeDir.resolve(JournalObjectStore.JOURNAL_DIR));
        }
    }

    private static void configureStore(ObjectStoreEnvironmentBean store, Path storeDir) {
        store.setObjectStoreDir(storeDir.toString());
        store.setObjectStoreType(AtomicWriteFileStore.class.getName());
    }

    /**
     * Narayana keeps each store under a directory named after the store class. Stores written by earlier versions
     * (Narayana's ShadowNoFileLockStore, same file format) are moved under the new name, so LRAs in flight survive
     * the upgrade.
     */
    static void adoptLegacyStore(Path storeDir) {
        Path legacy = storeDir.resolve(LEGACY_STORE_CLASS);
        Path current = storeDir.resolve(AtomicWriteFileStore.class.getSimpleName());
        if (Files.isDirectory(legacy) && !Files.exists(current)) {
            try {
                Files.move(legacy, current, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                log.info("Adopted the LRA object store of an earlier version: {} -> {}", legacy, current);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot adopt the earlier LRA object store " + legacy, e);
            }
        }
    }

    private static void configureRecovery(CoordinatorProperties properties) {
        RecoveryEnvironmentBean recovery = BeanPopulator.getDefaultInstance(RecoveryEnvironmentBean.class);
        recovery.setPeriodicRecoveryPeriod(properties.recoveryPeriodSeconds());
        recovery.setRecoveryBackoffPeriod(properties.recoveryBackoffSeconds());
        // Set here, not only in the jar's jbossts-properties.xml, so a missing or shadowed file cannot drop LRA recovery.
        // Order matters: InterruptedEndRecovery repairs closes cut short by a crash before the LRA module loads them.
        // LiveAwareLraRecovery is Narayana's LRA module without its stray second timers (see there).
        recovery.setRecoveryModuleClassNames(
                List.of(InterruptedEndRecovery.class.getName(), LiveAwareLraRecovery.class.getName()));
    }

    @Override
    public void destroy() {
        RecoveryManager.manager().terminate();
        Implementations.uninstall();
    }
}
