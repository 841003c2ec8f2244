package com.mobilityhub.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import com.arjuna.ats.arjuna.common.ObjectStoreEnvironmentBean;
import com.arjuna.ats.arjuna.common.Uid;
import com.arjuna.ats.arjuna.state.InputObjectState;
import com.arjuna.ats.arjuna.state.OutputObjectState;
import io.narayana.lra.coordinator.domain.model.LongRunningAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicWriteFileStoreTest {

    private static final String TYPE = LongRunningAction.getType();

    @TempDir
    Path dir;

    @Test
    void readsBackTheLastStateWrittenAndLeavesNoScratchFiles() throws Exception {
        AtomicWriteFileStore store = store();
        Uid uid = new Uid();

        assertThat(store.write_committed(uid, TYPE, state("Active"))).isTrue();
        assertThat(store.write_committed(uid, TYPE, state("Closing"))).isTrue();

        assertThat(read(store, uid)).isEqualTo("Closing");
        assertThat(scratchFiles()).isEmpty();
        assertThat(storedUids(store)).containsExactly(uid);
    }

    /** A crash after the scratch write but before the rename: the committed state is the previous one. */
    @Test
    void aScratchFileLeftByACrashNeitherReplacesTheStateNorShowsAsAnLra() throws Exception {
        AtomicWriteFileStore store = store();
        Uid uid = new Uid();
        store.write_committed(uid, TYPE, state("Active"));
        Files.write(dir.resolve(AtomicWriteFileStore.SCRATCH_DIR).resolve(uid.fileStringForm() + "-crashed"),
                new byte[] {1, 2, 3});

        assertThat(read(store, uid)).isEqualTo("Active");
        assertThat(storedUids(store)).containsExactly(uid);

        AtomicWriteFileStore restarted = store();
        assertThat(scratchFiles()).as("leftovers removed at start").isEmpty();
        assertThat(read(restarted, uid)).isEqualTo("Active");
    }

    @Test
    void removesAStateLikeNarayanasStore() throws Exception {
        AtomicWriteFileStore store = store();
        Uid uid = new Uid();
        store.write_committed(uid, TYPE, state("Closed"));

        assertThat(store.remove_committed(uid, TYPE)).isTrue();

        assertThat(store.read_committed(uid, TYPE)).isNull();
        assertThat(storedUids(store)).isEmpty();
    }

    @Test
    void adoptsTheStoreDirectoryOfEarlierVersions() throws Exception {
        Path legacyLra = dir.resolve("ShadowNoFileLockStore/defaultStore/StateManager/BasicAction/LongRunningAction/x");
        Files.createDirectories(legacyLra.getParent());
        Files.writeString(legacyLra, "in flight");

        NarayanaRuntime.adoptLegacyStore(dir);

        assertThat(dir.resolve("AtomicWriteFileStore/defaultStore/StateManager/BasicAction/LongRunningAction/x"))
                .hasContent("in flight");
        assertThat(dir.resolve("ShadowNoFileLockStore")).doesNotExist();
    }

    private AtomicWriteFileStore store() throws Exception {
        ObjectStoreEnvironmentBean environment = new ObjectStoreEnvironmentBean();
        environment.setObjectStoreDir(dir.toString());
        return new AtomicWriteFileStore(environment);
    }

    private static OutputObjectState state(String status) throws Exception {
        OutputObjectState state = new OutputObjectState();
        state.packString(status);
        return state;
    }

    private static String read(AtomicWriteFileStore store, Uid uid) throws Exception {
        InputObjectState state = store.read_committed(uid, TYPE);
        return state.unpackString();
    }

    private static java.util.List<Uid> storedUids(AtomicWriteFileStore store) throws Exception {
        InputObjectState uids = new InputObjectState();
        store.allObjUids(TYPE, uids);
        java.util.List<Uid> found = new java.util.ArrayList<>();
        for (Uid uid = new Uid(uids.unpackBytes()); !uid.equals(Uid.nullUid()); uid = new Uid(uids.unpackBytes())) {
            found.add(uid);
        }
        return found;
    }

    private java.util.List<Path> scratchFiles() throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve(AtomicWriteFileStore.SCRATCH_DIR))) {
            return files.toList();
        }
    }
}
