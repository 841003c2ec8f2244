package com.mobilityhub.coordinator;

/** How the coordinator keeps its LRA logs ({@code mobility.coordinator.object-store}). */
public enum ObjectStoreKind {

    /** One file per LRA, rewritten atomically and synced on every change ({@link AtomicWriteFileStore}). */
    FILE,

    /** Narayana's append-only Artemis journal: synced appends, concurrent writes share one sync ({@link JournalObjectStore}). */
    JOURNAL
}
