package com.mobilityhub.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.arjuna.ats.arjuna.common.Uid;
import com.arjuna.ats.arjuna.state.InputObjectState;
import com.arjuna.ats.arjuna.state.OutputObjectState;
import com.arjuna.ats.internal.arjuna.objectstore.hornetq.HornetqJournalEnvironmentBean;
import com.arjuna.ats.internal.arjuna.objectstore.hornetq.HornetqObjectStoreAdaptor;
import io.narayana.lra.coordinator.domain.model.LongRunningAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalObjectStoreTest {

    private static final String TYPE = LongRunningAction.getType();

    @TempDir
    Path dir;

    @Test
    void refusesToHideUnfinishedLrasOfTheFileStore() throws Exception {
        Path lra = dir.resolve("AtomicWriteFileStore/defaultStore/StateManager/BasicAction/LongRunningAction/0_ffff_1");
        Files.createDirectories(lra.getParent());
        Files.writeString(lra, "in flight");

        assertThatThrownBy(() -> JournalObjectStore.refuseUnfinishedFileStoreLras(dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("1 unfinished LRA")
                .hasMessageContaining("object-store=file");
    }

    @Test
    void acceptsAFileStoreWithoutLras() throws Exception {
        Files.createDirectories(dir.resolve("AtomicWriteFileStore/defaultStore/Recovery/TransactionStatusManager"));

        JournalObjectStore.refuseUnfinishedFileStoreLras(dir);
    }

    /** What a restarted coordinator relies on: the last state of every LRA is read back, removed ones are gone. */
    @Test
    void aReopenedJournalHoldsTheLastStateOfEveryLraNotRemoved() throws Exception {
        Uid closing = new Uid();
        Uid finished = new Uid();
        HornetqObjectStoreAdaptor store = journal();
        store.write_committed(closing, TYPE, state("Active"));
        store.write_committed(closing, TYPE, state("Closing"));
        store.write_committed(finished, TYPE, state("Closed"));
        store.remove_committed(finished, TYPE);
        store.stop();

        HornetqObjectStoreAdaptor reopened = journal();
        try {
            assertThat(reopened.read_committed(closing, TYPE).unpackString()).isEqualTo("Closing");
            assertThat(reopened.read_committed(finished, TYPE)).isNull();
            assertThat(storedUids(reopened)).containsExactly(closing);
        } finally {
            reopened.stop();
        }
    }

    private HornetqObjectStoreAdaptor journal() throws Exception {
        HornetqJournalEnvironmentBean environment = new HornetqJournalEnvironmentBean();
        environment.setStoreDir(dir.resolve(JournalObjectStore.JOURNAL_DIR).toString());
        environment.setAsyncIO(false);
        HornetqObjectStoreAdaptor store = new HornetqObjectStoreAdaptor(environment);
        store.start();
        return store;
    }

    private static OutputObjectState state(String status) throws Exception {
        OutputObjectState state = new OutputObjectState();
        state.packString(status);
        return state;
    }

    private static List<Uid> storedUids(HornetqObjectStoreAdaptor store) throws Exception {
        InputObjectState uids = new InputObjectState();
        store.allObjUids(TYPE, uids);
        List<Uid> found = new ArrayList<>();
        for (Uid uid = new Uid(uids.unpackBytes()); !uid.equals(Uid.nullUid()); uid = new Uid(uids.unpackBytes())) {
            found.add(uid);
        }
        return found;
    }
}
